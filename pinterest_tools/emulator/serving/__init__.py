"""Serving: how an emulator is put together and run, on top of every other folder.

The Starlette app and its middleware order (``app``), the middleware itself: recording
exchanges (``recording_middleware``), request ids and rate limits
(``limits_middleware``), faults (``fault_injection``) and Pinterest's API sandbox
(``sandbox_middleware``); routing by method and path shape (``path_router``); the uvicorn server on a socket
bound up front (``server``), the socketless httpx transport (``inprocess``), the
``Emulator`` handle and ``run_emulator()`` (``handle``), the data-file format of
``--data``/``--dump`` (``data_file``) and a document merged into a running emulator
(``merge``), and the emulator's own pages outside any Pinterest API: the index page
(``admin``), the state page and the control plane under ``/_emulator/`` (``control``) and
the upload host of media and of customer list files (``upload_host``). ``route_table`` works out from the
routes which module serves each operation (``nox -s generate`` writes docs/emulator.md's
table from it).
"""
