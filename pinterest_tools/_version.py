"""The package's version, in a module of its own: the HTTP layer puts it in every User-Agent
without importing the package's ``__init__`` (which reaches the facade, and so the HTTP layer)."""

__version__ = "0.1.0"
