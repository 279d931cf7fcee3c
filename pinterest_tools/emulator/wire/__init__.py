"""Wire: what crosses the wire, apart from what any one operation means.

Reading requests: bodies (`request_bodies`), fields with Pinterest-style 400s
(`request_fields`) and bookmark paging (`paging`). Writing answers: each API family's
envelope (`envelopes`), errors (`errors`) and v5 responses from generated models
(`model_responses`). The ASGI middleware around every route: recording exchanges
(`recording_middleware`, `exchanges`), request ids and rate limits
(`limits_middleware`, `rate_limits`), and faults: which one a request gets
(`fault_plan`) and how it is applied to the answer (`fault_injection`).
"""
