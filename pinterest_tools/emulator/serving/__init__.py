"""Serving: how an emulator is put together and run.

The Starlette app and its middleware order (`app`), the uvicorn server on a socket bound
up front (`server`), the socketless httpx transport (`inprocess`), the bundle of moving
parts every route and middleware reaches (`services`), the knobs (`settings`), the
`Emulator` handle and `run_emulator()` (`handle`), the declaration of a route by
operation id with its token, scope and trial-app checks (`operation_routes`), and the
emulator's own pages outside any Pinterest API: the state page (`admin`) and the media
upload host (`media_upload`). `route_table` works out from the routes which module serves
each operation (`nox -s generate` writes docs/emulator.md's table from it).
"""
