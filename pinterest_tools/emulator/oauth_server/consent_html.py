"""The consent page's HTML: what a person sees before an app gets a token.

It shows what someone deciding needs and nothing else: which app asks, who is signed in
(and a way to switch between the emulated users), what each requested scope allows, and
where the answer is sent. Plain HTML with a little inline CSS, no script, no external
resources; every value from the request is escaped.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from pinterest_tools.emulator.data.records import User

_STYLE = """
:root { --red: #e60023; --ink: #111; --muted: #5f5f5f; --line: #e9e9e9; --bg: #f4f4f4; }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center;
  padding: 24px; background: var(--bg); color: var(--ink);
  font: 16px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
main { width: 100%; max-width: 460px; background: #fff; border-radius: 24px; padding: 32px;
  box-shadow: 0 8px 32px rgba(0, 0, 0, .08); }
.brand { display: flex; align-items: center; gap: 8px; color: var(--muted); font-size: 14px; }
.dot { width: 12px; height: 12px; border-radius: 50%; background: var(--red); }
h1 { font-size: 24px; line-height: 1.25; margin: 16px 0 8px; }
p { margin: 0 0 12px; }
.account { display: flex; align-items: center; gap: 12px; padding: 12px; margin: 20px 0;
  border: 1px solid var(--line); border-radius: 16px; }
.avatar { flex: none; width: 40px; height: 40px; border-radius: 50%; background: #efefef;
  display: grid; place-items: center; font-weight: 700; }
.account small { display: block; font-size: 13px; color: var(--muted); }
.switch { margin: -8px 0 20px; font-size: 14px; color: var(--muted); }
a { color: #0074e8; }
ul { list-style: none; padding: 0; margin: 0 0 20px; }
li { padding: 10px 0; border-top: 1px solid var(--line); }
li:last-child { border-bottom: 1px solid var(--line); }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--bg);
  padding: 2px 6px; border-radius: 6px; }
.scope { display: block; margin-top: 2px; }
.muted { color: var(--muted); font-size: 14px; }
.actions { display: flex; gap: 12px; margin-top: 24px; }
button { flex: 1; font: inherit; font-weight: 600; border: 0; border-radius: 999px; padding: 12px 16px;
  cursor: pointer; }
button:focus-visible, a:focus-visible { outline: 3px solid #0074e8; outline-offset: 2px; }
.allow { background: var(--red); color: #fff; }
.allow:hover { background: #ad081b; }
.deny { background: #efefef; color: var(--ink); }
.deny:hover { background: #e2e2e2; }
footer { margin-top: 20px; font-size: 13px; color: var(--muted); }
"""


def _document(title: str, body: str) -> str:
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        '<div class="brand"><span class="dot" aria-hidden="true"></span>Pinterest API emulator</div>\n'
        f"{body}\n"
        "<footer>Served by a local emulator: no real Pinterest account is used and nothing is saved.</footer>\n"
        "</main>\n</body>\n</html>\n"
    )


def consent_html(
    *,
    app_name: str,
    signed_in: User,
    switch_to: list[tuple[User, str]],
    scopes: list[tuple[str, str]],
    redirect_uri: str,
    hidden: dict[str, str],
) -> str:
    """The page asking ``signed_in`` to allow ``app_name`` the ``scopes`` (name, description).

    ``switch_to`` lists the other users with the URL of this page signed in as them.
    """
    others = ", ".join(f'<a href="{escape(url)}">@{escape(user.username)}</a>' for user, url in switch_to)
    switch = f'<p class="switch">Not you? Continue as {others}.</p>' if others else ""
    inputs = "".join(f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">' for k, v in hidden.items())
    items = "".join(
        f'<li>{escape(description)}<span class="scope"><code>{escape(name)}</code></span></li>'
        for name, description in scopes
    )
    destination = urlsplit(redirect_uri).netloc or redirect_uri
    name = escape(app_name)
    body = f"""<h1>Allow {name} to access your account?</h1>
<form method="post" action="/oauth/">
{inputs}
<input type="hidden" name="user" value="{escape(signed_in.id)}">
<div class="account">
  <span class="avatar" aria-hidden="true">{escape(signed_in.username[:1].upper())}</span>
  <div>
    <small>Signed in as</small>
    <strong>{escape(signed_in.full_name or signed_in.username)}</strong>
    <span class="muted">@{escape(signed_in.username)}</span>
  </div>
</div>
{switch}
<p>{name} will be able to:</p>
<ul>{items}</ul>
<p class="muted">Your answer is sent to <code>{escape(destination)}</code>.</p>
<div class="actions">
  <button class="deny" type="submit" name="decision" value="deny">Deny</button>
  <button class="allow" type="submit" name="decision" value="allow">Allow</button>
</div>
</form>"""
    return _document(f"Allow {app_name} access? · Pinterest API emulator", body)


def error_html(message: str) -> str:
    """Why the request cannot go on; shown instead of redirecting to an unverified URI."""
    body = f"<h1>This authorization request can't continue</h1>\n<p>{escape(message)}</p>"
    return _document("Authorization error · Pinterest API emulator", body)
