"""OAuth server: the pages a user's app talks to before it holds a token.

The consent page: its routes (``consent_routes``) and its HTML (``consent_html``); and the
token endpoint's grant rules, shared by v5 and v3 (``token_endpoint``), whose routes live
in ``v5.oauth`` and ``v3.oauth``.
"""
