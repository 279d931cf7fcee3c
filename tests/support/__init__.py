"""Helpers the tests share: fixtures, fakes, scripted Pinterests and request builders.

Imported as ``support.<module>`` (``pythonpath = ["tests"]`` in pyproject.toml); the
test folders beside this one mirror the packages they test.
"""
