"""Auth: who the caller is and what they may do.

Apps and their redirect URIs (`apps`), tokens and authorization codes (`tokens`), the
token endpoint's grant rules shared by v5 and v3 (`token_endpoint`), scopes per
operation (`scopes`), who may see and change which object (`access`), and the OAuth
consent page: its routes (`consent_routes`) and its HTML (`consent_html`).
"""
