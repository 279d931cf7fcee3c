"""OAuth and tokens for v5 and v3: scopes, the browser flow, token exchange, token files, and the
env -> file -> OAuth lookup.

``scopes``   validation and help text from the generated scope lists; upstream's defaults
``browser``  authorization URL, loopback redirect server, paste fallback
``exchange`` code exchange, refresh (v5: always continuous), client credentials
``flow``     ``obtain_token`` (env, file, OAuth) and ``new_token`` (OAuth only)
``token``    ``Token``: an access token with its refresh token, scopes and expiry; the environment lookup
``tokens``   ``TokenStore``: token files (upstream's format), mode 0600, written atomically, locked
``token_save`` room reserved before Pinterest is asked, so a rotated token is never lost

Nothing is imported here, so ``import pinterest_tools.oauth.scopes`` stays light.
"""
