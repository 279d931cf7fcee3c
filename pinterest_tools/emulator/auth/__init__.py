"""Auth: who the caller is and what they may do.

Apps and their redirect URIs (``apps``), tokens and authorization codes (``tokens``), and
scopes per operation (``scopes``). The pages that hand tokens out are in ``oauth_server``;
who may see which object is ``core.access``.
"""
