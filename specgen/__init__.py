"""Build-time tooling: turns the API descriptions into the packages under ``generated/``.

Not part of the runtime package; used by ``nox -s generate`` and the drift check.
"""
