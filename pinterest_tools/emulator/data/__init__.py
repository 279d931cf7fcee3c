"""Data: what the emulator holds.

Plain records independent of any wire shape (``records``), Pinterest's numeric ids
(``ids``), the shared in-memory state (``state``), the built-in demo data served without
``--data`` (``demo_data``), and the emulator's clock, which tests move forward
(``clock``). The data-file format and merging a document into a running emulator are
``serving.data_file`` and ``serving.merge``.
"""
