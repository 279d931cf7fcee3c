"""The floor for ``get_pin -p ID``: one GET with httpx, the JSON decoded, a few fields printed."""

import os
import sys

import httpx

response = httpx.get(
    f"{os.environ['PINTEREST_API_URI']}/v5/pins/{sys.argv[1]}",
    headers={"Authorization": f"Bearer {os.environ['ACCESS_TOKEN']}"},
)
response.raise_for_status()
pin = response.json()
print(f"Pin ID: {pin['id']}\nTitle: {pin.get('title')}\nLink: {pin.get('link')}")
