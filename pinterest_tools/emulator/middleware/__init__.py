"""ASGI middleware around the routes: recording, rate limits, and delivery faults.

Order, outside in: `Recording` (sees exactly what the client got), `Limits` (request id,
rate-limit headers, 429s), `Delivery` (latency and injected faults), then the routes.
Each applies to API paths (/v5, /v3, /ads/v4) only, except the request id.
"""
