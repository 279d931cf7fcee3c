"""Measured client processes: ours, raw httpx (the floor) and the official SDK, doing the same work.

Each is a script run as its own process (``python benchmarks/workers/<name>.py``) by the
suites, never imported by them. They read the emulator's address and the token from the
environment as their users would (``PINTEREST_API_URI``, and ``ACCESS_TOKEN`` for ours,
``PINTEREST_ACCESS_TOKEN`` for the SDK) and print one JSON line of measurements
(:func:`report`) when the work is a listing.
"""
