"""Surface tests for the generated v5 client: what a generator upgrade or a spec bump could silently break."""

from __future__ import annotations

import copy
import datetime as dt
import enum
import importlib
import logging
import pickle
import re
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import pinterest_api_v5
import pytest
from pinterest_api_v5 import models

PACKAGE_DIR = Path(pinterest_api_v5.__file__).parent
HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def endpoint_modules() -> set[str]:
    return {path.stem for path in (PACKAGE_DIR / "api").glob("*/*.py") if path.stem != "__init__"}


def operation_ids(spec: dict[str, Any]) -> list[str]:
    return [
        op["operationId"] for item in spec["paths"].values() for method, op in item.items() if method in HTTP_METHODS
    ]


def test_every_operation_has_an_endpoint_module(v5_spec: dict[str, Any]) -> None:
    ids = operation_ids(v5_spec)
    assert len(ids) == 266  # 231 published and 35 of the project's supplement
    expected = {re.sub("[^0-9a-zA-Z]+", "_", op).strip("_").lower() for op in ids}
    assert expected == endpoint_modules()


def test_every_endpoint_module_is_callable_both_ways() -> None:
    for tag in (PACKAGE_DIR / "api").iterdir():
        for path in tag.glob("*.py"):
            if path.stem == "__init__":
                continue
            module = importlib.import_module(f"pinterest_api_v5.api.{tag.name}.{path.stem}")
            assert callable(module.sync_detailed) and callable(module.asyncio_detailed), path


def test_every_module_imports_on_its_own() -> None:
    """Each module imported with the package freshly unloaded first, in a new interpreter.

    Importing everything in one process can hide an order-dependent failure
    (module A only works if B was imported first); unloading the package before
    each import makes every module start from nothing, as in a fresh interpreter.
    """
    script = """
import importlib, pkgutil, sys
import pinterest_api_v5
names = sorted(m.name for m in pkgutil.walk_packages(pinterest_api_v5.__path__, "pinterest_api_v5."))
failures = []
for name in names:
    for loaded in [m for m in sys.modules if m == "pinterest_api_v5" or m.startswith("pinterest_api_v5.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as exc:
        failures.append(f"{name}: {exc!r}")
print(len(names))
print("\\n".join(failures))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    count, *failures = result.stdout.strip().split("\n")
    assert int(count) > 1400
    assert [f for f in failures if f] == []


def test_lazy_models_init_imports_no_model() -> None:
    script = (
        "import sys, pinterest_api_v5.api.pins.pins_get as m; "
        "print(sorted(n for n in sys.modules if n.startswith('pinterest_api_v5.models.')))"
    )
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert len(eval(loaded)) < 10  # Pin and the few models it names, not all 1134


def test_lazy_models_resolve_every_name() -> None:
    assert len(models.__all__) > 1100
    assert set(models.__all__) <= set(dir(models))
    assert models.Board.__name__ == "Board"
    with pytest.raises(AttributeError):
        models.NoSuchModel  # noqa: B018


class _LazyNames(dict[str, Any]):
    """Resolves annotation names through the lazy models package (eval honours __missing__ in locals)."""

    def __missing__(self, name: str) -> Any:
        try:
            return getattr(models, name)
        except AttributeError:
            raise KeyError(name) from None


def item_type(model: type) -> Any:
    hints = typing.get_type_hints(model, localns=_LazyNames())
    (items,) = typing.get_args(hints["items"])
    return items


@pytest.mark.parametrize(
    ("response", "item"),
    [
        ("BoardsListResponse", "Board"),
        ("BoardsListPinsResponse", "Pin"),
        ("AdAccountsListResponse", "AdAccount"),
        ("BoardSectionsListResponse", "BoardSection"),
    ],
)
def test_paginated_lists_carry_their_item_type(response: str, item: str) -> None:
    model = getattr(models, response)
    assert item_type(model) is getattr(models, item)
    page = model.from_dict({"items": [{"id": "1", "name": "n"}], "bookmark": "b"})
    assert isinstance(page.items[0], getattr(models, item))


def test_board_has_privacy() -> None:
    board = models.Board.from_dict({"id": "1", "name": "Recipes", "privacy": "SECRET"})
    assert board.privacy is models.BoardPrivacy.SECRET
    assert board.to_dict()["privacy"] == "SECRET"


def test_nullable_field_accepts_null() -> None:
    ad = models.AdResponse.from_dict({"id": "1", "tracking_urls": None})
    assert ad.tracking_urls is None
    assert ad.to_dict()["tracking_urls"] is None


def test_oauth_token_response_models_exist() -> None:
    for name in (
        "OauthAccessTokenResponse",
        "OauthAccessTokenResponseCode",
        "OauthAccessTokenResponseRefresh",
        "OauthAccessTokenResponseClientCredentials",
        "OauthAccessTokenResponseIntegrationRefresh",
    ):
        assert hasattr(getattr(models, name), "from_dict"), name
    token = models.OauthAccessTokenResponseCode.from_dict(
        {
            "access_token": "a",
            "refresh_token": "r",
            "response_type": "authorization_code",
            "token_type": "bearer",
            "expires_in": 2592000,
            "refresh_token_expires_in": 31536000,
            "scope": "boards:read,pins:read",
        }
    )
    assert token.refresh_token == "r"


def test_unknown_enum_value_in_a_response_parses(caplog: pytest.LogCaptureFixture) -> None:
    pinterest_api_v5.types._drift_seen.clear()  # drift is logged once per process: forget earlier tests
    with caplog.at_level(logging.DEBUG):
        board = models.Board.from_dict({"id": "1", "name": "n", "privacy": "FRIENDS_ONLY"})
    assert board.privacy == "FRIENDS_ONLY"
    assert isinstance(board.privacy, models.BoardPrivacy)
    assert board.to_dict()["privacy"] == "FRIENDS_ONLY"
    assert "Board.privacy: unknown enum value" in caplog.text
    assert "FRIENDS_ONLY" not in caplog.text  # values are never logged (they may be personal data)
    with pytest.raises(ValueError):
        models.BoardPrivacy("FRIENDS_ONLY")  # what the client sends stays strict


def _canonical(value: Any) -> Any:
    """Compare JSON modulo date formatting (``-00:00`` vs ``+00:00``, ``Z``)."""
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:?\d\d)?", value):
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


def _contains(result: Any, example: Any) -> bool:
    """``example`` is ``result`` without the defaults ``to_dict`` adds."""
    if isinstance(example, dict) and isinstance(result, dict):
        return all(k in result and _contains(result[k], v) for k, v in example.items())
    if isinstance(example, list) and isinstance(result, list):
        return len(example) == len(result) and all(_contains(r, e) for r, e in zip(result, example, strict=True))
    return bool(result == example)


def _class_by_component(spec: dict[str, Any]) -> dict[str, type]:
    """Component key -> generated class (models and enums; unions and aliases have no class)."""
    by_key = {re.sub("[^0-9a-z]", "", name.lower()): name for name in models.__all__}
    found = {}
    for key in spec["components"]["schemas"]:
        name = by_key.get(re.sub("[^0-9a-z]", "", key.lower()))
        if name is not None:
            found[key] = getattr(models, name)
    return found


def test_component_examples_round_trip(v5_normalized: dict[str, Any]) -> None:
    """Every component example parses into its class and serializes back (modulo defaults)."""
    class_by_component = _class_by_component(v5_normalized)
    with_example = {k: s["example"] for k, s in v5_normalized["components"]["schemas"].items() if "example" in s}
    failures, covered = [], []
    for key, example in sorted(with_example.items()):
        cls = class_by_component.get(key)
        if cls is None:
            continue
        covered.append(key)
        try:
            if isinstance(cls, type) and issubclass(cls, enum.Enum):
                member = cls(example)
                ok = member in list(cls) and member.value == example
            else:
                ok = _contains(_canonical(cls.from_dict(example).to_dict()), _canonical(example))
        except Exception as exc:  # reported below, all at once
            failures.append(f"{key}: {exc!r}")
            continue
        if not ok:
            failures.append(f"{key}: {example!r} does not round-trip")
    print(f"round trip: {len(covered)} of {len(with_example)} component examples have a generated class, all checked")
    assert len(covered) >= 100
    assert failures == []


def test_one_valued_enums_stay_strict_so_unions_pick_the_right_member() -> None:
    pin = models.PinCreate.from_dict(
        {"board_id": "1", "media_source": {"source_type": "pin_url", "url": "https://www.pinterest.com/pin/1/"}}
    )
    assert isinstance(pin.media_source, models.PinMediaSourcePinURL)
    with pytest.raises(ValueError):
        models.PinMediaSourcePinURLSourceType("image_url")


# --- the models and clients are attrs classes, as openapi-python-client writes them ---


def test_a_parsed_pin_imports_attrs_and_no_dateutil() -> None:
    script = (
        "import sys, pinterest_api_v5.api.pins.pins_get\n"
        "from pinterest_api_v5.models import Pin\n"
        "Pin.from_dict({'id': '1', 'media': {'media_type': 'image', 'images': {}}})\n"
        "print(sorted(n for n in ('attr', 'attrs', 'dateutil') if n in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['attr', 'attrs']"  # dates parse with datetime.fromisoformat


def test_a_model_compares_by_its_fields_and_what_did_not_fit() -> None:
    from pinterest_api_v5.models import Pin

    body = {"id": "1", "title": "Hi", "link": 5, "extra": [1]}
    assert Pin.from_dict(body) == Pin.from_dict(dict(body))
    assert Pin.from_dict(body) != Pin.from_dict({**body, "title": "Ho"})
    assert Pin.from_dict(body) != Pin.from_dict({**body, "link": 6})  # unparsed differs
    assert Pin.from_dict(body) != Pin.from_dict({**body, "extra": [2]})  # additional_properties differ
    assert Pin("1", title="Hi") == Pin(id="1", title="Hi")
    assert Pin("1").__eq__(object()) is NotImplemented
    with pytest.raises(TypeError, match="unhashable"):
        hash(Pin("1"))


def test_a_model_repr_shows_its_fields_and_what_did_not_fit() -> None:
    from pinterest_api_v5.models import BoardOwner, Pin

    assert repr(BoardOwner(username="ann")) == "BoardOwner(username='ann')"
    pin = Pin.from_dict({"id": "1", "link": 5, "extra": True})
    assert repr(pin).startswith("Pin(id='1', alt_text=None, ")
    assert repr(pin).endswith("is_product=None, additional_properties={'extra': True}, unparsed={'link': 5})")
    assert "_nulls" not in repr(pin)


def test_a_model_pickles_and_copies_as_its_json() -> None:
    from pinterest_api_v5.models import Pin

    body = {"id": "1", "title": None, "created_at": "2024-01-02T03:04:05+00:00", "link": 5, "x": {"y": 1}}
    pin = Pin.from_dict(body)
    for again in (pickle.loads(pickle.dumps(pin)), copy.copy(pin), copy.deepcopy(pin)):
        assert again == pin and again is not pin
        assert again.to_dict() == body  # the null title, the misfit link and the extra key survive


def test_a_model_matches_by_position_and_keyword() -> None:
    from pinterest_api_v5.models import Pin

    match Pin("7", alt_text="a"):
        case Pin("7", "a", title=None):
            matched = True
        case _:
            matched = False
    assert matched


def test_a_model_requires_its_required_fields() -> None:
    from pinterest_api_v5.models import Pin

    with pytest.raises(TypeError, match="id"):
        Pin()  # type: ignore[call-arg]
    assert Pin._required == ("id",)


def test_a_client_repr_never_shows_its_token() -> None:
    from pinterest_api_v5 import AuthenticatedClient

    client = AuthenticatedClient("http://127.0.0.1:9", "pina_SECRET", headers={"A": "1"})
    assert repr(client) == "AuthenticatedClient(base_url='http://127.0.0.1:9')"
    derived = client.with_headers({"B": "2"})
    assert derived is not client and derived.token == "pina_SECRET" and derived.prefix == "Bearer"
    assert derived.get_httpx_client().headers["Authorization"] == "Bearer pina_SECRET"
    headers = derived.get_httpx_client().headers
    assert (headers["A"], headers["B"]) == ("1", "2")
    assert "B" not in client.with_cookies({"c": "1"}).get_httpx_client().headers


def test_a_model_repr_hides_credentials_and_shows_the_rest() -> None:
    from pinterest_api_v3.models import OauthTokenRequest
    from pinterest_api_v5.models import (
        CatalogsFeedCredentials,
        Error,
        IntegrationRecord,
        OauthAccessTokenResponseCode,
        TokenRevocationRequest,
    )

    body = {"access_token": "pina_ACCESS", "refresh_token": "pinr_REFRESH", "refresh_token_expires_in": 9}
    body |= {"token_type": "bearer", "expires_in": 1, "scope": "x", "response_type": "authorization_code"}
    reply = OauthAccessTokenResponseCode.from_dict({**body, "legacy_access_token": "pina_EXTRA", "x": 1})
    shown = repr(reply)
    assert "access_token=<redacted>" in shown and "refresh_token=<redacted>" in shown
    assert "refresh_token_expires_in=9" in shown and "token_type='bearer'" in shown
    assert "'legacy_access_token': '<redacted>'" in shown and "'x': 1" in shown
    assert "pina_" not in shown and "pinr_" not in shown
    revoke = TokenRevocationRequest(token="pina_SECRET")
    assert repr(revoke) == "TokenRevocationRequest(token=<redacted>, token_type_hint=None)"
    assert "hunter22" not in repr(CatalogsFeedCredentials(password="hunter22", username="me"))
    assert "pina_P" not in repr(IntegrationRecord(id="1", partner_access_token="pina_P"))
    assert "s3cret" not in repr(OauthTokenRequest("authorization_code", client_secret="s3cret", code="c0de"))
    assert "c0de" not in repr(OauthTokenRequest("authorization_code", code="c0de"))
    assert "code=3" in repr(Error(code=3, message="m"))  # an error's code is no secret
    assert revoke.to_dict()["token"] == "pina_SECRET"  # only the repr hides it


def test_a_response_repr_shows_the_size_of_its_body_not_the_tokens_in_it() -> None:
    import json
    from http import HTTPStatus

    from pinterest_api_v5.models import OauthAccessTokenResponseClientCredentials
    from pinterest_api_v5.types import Response

    body = {"access_token": "pina_BODY_TOKEN", "token_type": "bearer", "expires_in": 1, "scope": "x"}
    content = json.dumps(body).encode()
    parsed = OauthAccessTokenResponseClientCredentials.from_dict(body)
    shown = repr(Response(HTTPStatus.OK, content, {"x-request-id": "r1"}, parsed))
    assert "pina_BODY_TOKEN" not in shown
    assert shown.startswith(f"Response(status_code=<HTTPStatus.OK: 200>, content=<{len(content)} bytes>, ")
    assert "'x-request-id': 'r1'" in shown and "access_token=<redacted>" in shown


def test_a_slotted_subclass_repr_shows_the_model_fields_too() -> None:
    from pinterest_api_v5.models import BoardOwner

    class Quiet(BoardOwner):
        __slots__ = ()  # the usual way to subclass a slotted class

    class Noted(BoardOwner):
        __slots__ = ("note",)

    noted = Noted(username="ann")
    noted.note = "mine"
    assert repr(Quiet(username="ann")) == "Quiet(username='ann')"  # was "Quiet()"
    assert repr(noted) == "Noted(username='ann', note='mine')"
    assert Quiet(username="ann") == Quiet(username="ann") != BoardOwner(username="ann")


# Names model.py.jinja gives a model's attributes and methods, the locals of its from_dict
# and to_dict (where each field is a local too) and the module's helpers they call: a field
# with one of these names would shadow them (a future description may bring one).
TEMPLATE_NAMES = {
    "self", "cls", "other", "d", "src_dict", "unparsed", "nulls", "exc", "field_dict", "prop_name", "prop_dict",
    "additional_properties", "additional_keys", "to_dict", "from_dict", "to_multipart", "files",
    "keep", "note_drift", "date_or_none", "datetime_or_none", "datetime", "functools", "json", "types",
}  # fmt: skip


@pytest.mark.parametrize("package", ["pinterest_api_v5", "pinterest_api_v3"])
def test_no_field_name_shadows_a_name_the_model_template_writes(package: str) -> None:
    models_module = importlib.import_module(f"{package}.models")
    clashes = []
    for name in models_module.__all__:
        cls = getattr(models_module, name)
        if not hasattr(cls, "__match_args__"):
            continue  # an enum
        own_module = cls.__module__.rpartition(".")[2]  # the instance's local name in from_dict
        for field in cls.__match_args__:
            if field in TEMPLATE_NAMES or field == own_module or field.startswith("_"):
                clashes.append(f"{name}.{field}")
    assert clashes == []


@pytest.mark.parametrize("protocol", [0, 2, pickle.HIGHEST_PROTOCOL])
def test_an_enum_member_pickles_on_its_own_even_one_the_description_does_not_list(protocol: int) -> None:
    from pinterest_api_v5.models import ConversionAttributionWindowDays, PinMediaSourceImageURLSourceType

    for kind, known, unknown in (
        (PinMediaSourceImageURLSourceType, "image_url", "new_kind"),
        (ConversionAttributionWindowDays, 7, 45),
    ):
        member = kind._parse(known, "test")
        assert pickle.loads(pickle.dumps(member, protocol)) is member
        pseudo = kind._parse(unknown, "test")
        again = pickle.loads(pickle.dumps(pseudo, protocol))
        assert type(again) is kind and again == pseudo == unknown and again.value == unknown
        assert copy.deepcopy([pseudo])[0] == unknown


@pytest.mark.parametrize("odd", [True, False, 7.0])
def test_an_int_enum_takes_no_bool_or_float_for_a_member(odd: object) -> None:
    """``True == 1`` and ``7.0 == 7`` hash alike, so the member lookup took them for members 1 and 7:
    a response's ``true`` came back as ``1`` (changed data). They are misfits, kept as they came."""
    from pinterest_api_v5.models import AdsAnalyticsCreateAsyncRequest, ConversionAttributionWindowDays

    with pytest.raises(TypeError, match="needs an integer"):
        ConversionAttributionWindowDays._parse(odd, "test")
    parsed = AdsAnalyticsCreateAsyncRequest.from_dict({"click_window_days": odd})
    assert parsed.click_window_days is None
    sent = parsed.to_dict()["click_window_days"]
    assert sent == odd and type(sent) is type(odd)
