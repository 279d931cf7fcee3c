"""The library's loggers, all under ``pinterest_tools``, which has a ``NullHandler``.

A library logs to its own loggers and leaves the output to the application: without the
``NullHandler``, Python's last-resort handler would print the retry notices (WARNING) on a
script's stderr. The commands configure the root logger (:mod:`pinterest_tools.logs`), which
these records reach. Here rather than in the package ``__init__``: importing ``logging``
costs a command's ``--help`` about 10 ms, and only modules that log need it.
"""

from __future__ import annotations

import logging

ROOT = "pinterest_tools"
logging.getLogger(ROOT).addHandler(logging.NullHandler())


def get_logger(name: str) -> logging.Logger:
    """The logger ``name`` (a module's ``__name__`` under ``pinterest_tools``), once the NullHandler is in place."""
    return logging.getLogger(name)
