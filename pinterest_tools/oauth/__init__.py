"""OAuth for v5 and v3: scopes, the browser flow, token exchange, and the env -> file -> OAuth lookup.

``scopes``   validation and help text from the generated scope lists; upstream's defaults
``browser``  authorization URL, loopback redirect server, paste fallback
``exchange`` code exchange, refresh (v5: always continuous), client credentials
``flow``     ``obtain_token`` (env, file, OAuth) and ``new_token`` (OAuth only)

Nothing is imported here, so ``import pinterest_tools.oauth.scopes`` stays light.
"""
