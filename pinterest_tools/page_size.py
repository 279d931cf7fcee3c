"""Pinterest's paging limit, in a module of its own: a command's ``-ps`` reads it for ``--help``,
which must not import :mod:`pinterest_tools.paging` (``logging``, ``dataclasses``)."""

MAX_PAGE_SIZE = 250  # Pinterest's limit for v5 and v3 (v3 code 22)
