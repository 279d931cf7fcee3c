"""The floor of the facade's one-call figure: the raw-httpx GET made as our client makes it on ``http://``.

``httpx.get`` (``httpx_get_pin.py``) loads the CA bundle when it builds its client, which our
client skips for plain http (``pinterest_tools.http.pool``). This script skips it too
(``verify=False``: an ``http://`` request never starts a TLS handshake), so what it costs over
``import httpx`` is what any httpx client pays for one call: httpcore and h11 imported, a
connection, a request, the JSON decoded.
"""

import os
import sys

import httpx

with httpx.Client(verify=False) as client:
    response = client.get(
        f"{os.environ['PINTEREST_API_URI']}/v5/pins/{sys.argv[1]}",
        headers={"Authorization": f"Bearer {os.environ['ACCESS_TOKEN']}"},
    )
    response.raise_for_status()
    pin = response.json()
print(f"Pin ID: {pin['id']}\nTitle: {pin.get('title')}\nLink: {pin.get('link')}")
