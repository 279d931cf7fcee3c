"""``hash_user_data()``: a conversion event's ``user_data``, normalised and SHA-256 hashed as Pinterest asks.

Pinterest's Conversions API (``POST /v5/ad_accounts/{ad_account_id}/events``, the facade's
``client.ad_accounts.events.create``) matches a conversion to a Pinterest user through the
``user_data`` fields, most of which must be sent as SHA-256 hashes (lowercase hex) of a
*normalised* value: the same address written ``" Ana@Example.COM"`` must hash like
``"ana@example.com"``, or the event matches no one. Every Conversions API user writes that by
hand and gets a rule wrong; the emulator refuses unhashed values as Pinterest does.

The rules, per field, as the description of ``ConversionEventsUserDataProperties``
(Pinterest's API v5 reference) states them:

==============  ==============================================================================
``em``          email: surrounding spaces removed, lower case
``ph``          phone: digits only (country code, area code, number), leading zeros removed
``fn``, ``ln``  first, last name: surrounding spaces removed, lower case
``ge``          gender: ``f``, ``m`` or ``n`` (``female``, ``male``, ``non-binary`` accepted)
``db``          date of birth: year, month and day as ``YYYYMMDD`` (a ``datetime.date`` too)
``ct``          city: lower case, without spaces or punctuation
``st``          state: the two-letter code, lower case
``zp``          zip code: digits only
``country``     the two-letter ISO 3166 code, lower case
``external_id`` the advertiser's own user id: surrounding spaces removed, otherwise as given
``hashed_maids`` a device's advertising id (GAID, IDFA): surrounding spaces removed
==============  ==============================================================================

Each hashed field is sent as a list (Pinterest's schema); one value or several may be given.
``client_ip_address``, ``client_user_agent``, ``click_id`` and ``partner_id`` are sent as
they are (Pinterest does not want them hashed). A value that normalises to nothing (an
email of spaces, a phone without digits) or breaks its field's rule (a gender ``x``, a state
of three letters) is a :class:`~pinterest_tools.errors.UsageError` naming the field, never
its value (user data stays out of logs and tracebacks).
"""

from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pinterest_tools.errors import UsageError

__all__ = ["HASHED_FIELDS", "PLAIN_FIELDS", "hash_user_data", "normalise", "sha256_hex"]

_GENDERS = {"f": "f", "female": "f", "m": "m", "male": "m", "n": "n", "non-binary": "n", "nonbinary": "n"}


def _trimmed_lower(value: str) -> str:
    return value.strip().lower()


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _phone(value: str) -> str:
    return _digits(value).lstrip("0")


def _gender(value: str) -> str:
    gender = _GENDERS.get(value.strip().lower().replace(" ", "-"))
    if gender is None:
        raise ValueError("must be f, m or n (female, male, non-binary)")
    return gender


def _birth_date(value: str) -> str:
    digits = _digits(value)
    if len(digits) != 8:
        raise ValueError("must be a date as year, month and day (YYYYMMDD, YYYY-MM-DD or a datetime.date)")
    datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))  # a real date (ValueError otherwise)
    return digits


def _city(value: str) -> str:
    # lower case, and only letters and digits: no spaces, no punctuation (accents are letters and stay)
    return "".join(char for char in value.lower() if unicodedata.category(char)[0] in "LN")


def _two_letters(value: str) -> str:
    code = value.strip().lower()
    if not re.fullmatch(r"[a-z]{2}", code):
        raise ValueError("must be a two-letter code")
    return code


HASHED_FIELDS: dict[str, Callable[[str], str]] = {
    "em": _trimmed_lower,
    "ph": _phone,
    "fn": _trimmed_lower,
    "ln": _trimmed_lower,
    "ge": _gender,
    "db": _birth_date,
    "ct": _city,
    "st": _two_letters,
    "zp": _digits,
    "country": _two_letters,
    "external_id": str.strip,
    "hashed_maids": str.strip,
}
PLAIN_FIELDS = frozenset({"client_ip_address", "client_user_agent", "click_id", "partner_id"})


def sha256_hex(text: str) -> str:
    """SHA-256 of ``text`` (UTF-8) as lowercase hex, the form Pinterest compares."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalise(field: str, value: str | datetime.date) -> str:
    """``value`` of a hashed ``field`` normalised by Pinterest's rule for it (see the module docstring).

    Raises:
        UsageError: an unknown field, or a value that breaks its field's rule (the value is not shown).
    """
    rule = HASHED_FIELDS.get(field)
    if rule is None:
        raise UsageError(f"user_data field {field!r} is not one Pinterest hashes ({', '.join(HASHED_FIELDS)})")
    if isinstance(value, datetime.date):
        value = value.strftime("%Y%m%d")
    if not isinstance(value, str):
        raise UsageError(f"user_data {field}: each value must be a string, not {type(value).__name__}")
    try:
        normal = rule(value)
    except ValueError as exc:
        raise UsageError(f"user_data {field}: {exc}") from None
    if not normal:
        raise UsageError(f"user_data {field}: a value is empty once normalised")
    return normal


def hash_user_data(user_data: Mapping[str, Any]) -> dict[str, Any]:
    """``user_data`` ready for a conversion event: each hashed field a list of SHA-256 hex digests of
    its normalised values, the plain fields as given.

    ::

        event = {"event_name": "checkout", "action_source": "web", "event_time": int(time.time()),
                 "event_id": "order-1001",
                 "user_data": hash_user_data({"em": " Ana@Example.com", "ph": "+1 (555) 010-0200",
                                              "client_ip_address": "203.0.113.9"})}

    Raises:
        UsageError: an unknown field, or a value that breaks its field's rule.
    """
    hashed: dict[str, Any] = {}
    for field, value in user_data.items():
        if field in PLAIN_FIELDS:
            hashed[field] = value
            continue
        values: Iterable[Any] = [value] if isinstance(value, str | datetime.date) else value
        if not isinstance(values, Iterable):
            raise UsageError(f"user_data {field}: give a string or a list of strings")
        hashed[field] = [sha256_hex(normalise(field, item)) for item in values]
    return hashed
