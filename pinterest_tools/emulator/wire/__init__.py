"""Wire: what crosses the wire, apart from what any one operation means.

Reading requests: bodies (``request_bodies``), fields with Pinterest-style 400s
(``request_fields``) and bookmark paging (``paging``). Writing answers: each API family's
envelope (``envelopes``), errors (``errors``), v5 responses from generated models
(``model_responses``), and records as v5 and as v3 objects (``render_v5``,
``render_v3``). What the middleware in ``serving`` keeps and decides: recorded exchanges
(``exchanges``), rate limits and quotas (``rate_limits``) and which fault a request gets
(``fault_plan``).
"""
