"""pinterest-tools: work with Pinterest's REST API from Python.

The typed clients live in the generated packages ``pinterest_api_v5`` and
``pinterest_api_v3``; this package adds what they lack (OAuth, token files,
retries, paging, errors) and the quickstart's commands. Nothing heavy is
imported here, so ``python -m pinterest_tools.<command> --help`` stays fast.
"""

__version__ = "0.1.0"
