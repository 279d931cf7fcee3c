"""``get_pin -p ID`` with the official SDK, configured as its README says (``PINTEREST_API_URI`` ends in /v5)."""

import os
import sys

from pinterest.client import PinterestSDKClient
from pinterest.organic.pins import Pin

client = PinterestSDKClient.create_client_with_token(os.environ["PINTEREST_ACCESS_TOKEN"])
pin = Pin(pin_id=sys.argv[1], client=client)
print(f"Pin ID: {pin.id}\nTitle: {pin.title}\nLink: {pin.link}")
