"""The generated models and clients are attrs classes, and attrs' tools work on them.

openapi-python-client writes attrs classes; users who know its output reach for
``attrs.evolve``, ``attrs.asdict`` and ``attrs.fields``. The model template keeps its own
``__repr__`` (credentials hidden) and ``__reduce__`` (pickled as JSON): these tests check
that attrs' tools and those two methods agree.
"""

from __future__ import annotations

import copy
import enum
import importlib
import pickle
from typing import Any

import attrs
import pytest

PACKAGES = ["pinterest_api_v5", "pinterest_api_v3"]


def model_classes(package: str) -> list[type]:
    """Every class ``package.models`` exports that is not an enum (loading each lazy module)."""
    models = importlib.import_module(f"{package}.models")
    classes = [getattr(models, name) for name in models.__all__]
    return [cls for cls in classes if not issubclass(cls, enum.Enum)]


@pytest.mark.parametrize("package", PACKAGES)
def test_every_model_and_client_is_an_attrs_class(package: str) -> None:
    classes = model_classes(package)
    assert len(classes) > (500 if package == "pinterest_api_v5" else 40)
    not_attrs = [cls.__name__ for cls in classes if not attrs.has(cls)]
    assert not_attrs == []
    client = importlib.import_module(package)
    types = importlib.import_module(f"{package}.types")
    assert all(attrs.has(cls) for cls in (client.Client, client.AuthenticatedClient, types.File, types.Response))


@pytest.mark.parametrize("package", PACKAGES)
def test_every_model_parses_nothing_pickles_copies_and_compares(package: str) -> None:
    """An empty object parses into every model (missing fields read None), and the model
    comes back equal through pickle and copy, with an attrs repr that names its class."""
    failures = []
    for cls in model_classes(package):
        model = cls.from_dict({"zz_unknown": 1})
        again = [pickle.loads(pickle.dumps(model)), copy.copy(model), copy.deepcopy(model)]
        if any(other != model or other is model for other in again) or model.to_dict() != {"zz_unknown": 1}:
            failures.append(cls.__name__)
        if not repr(model).startswith(f"{cls.__name__}("):
            failures.append(f"repr of {cls.__name__}")
    assert failures == []


def test_evolve_makes_a_new_model_with_the_changes() -> None:
    from pinterest_api_v5.models import Pin

    pin = Pin.from_dict({"id": "1", "title": "Hi", "description": "d", "board_owner": {"username": "ann"}})
    renamed = attrs.evolve(pin, title="New title")
    assert renamed is not pin and (pin.title, renamed.title) == ("Hi", "New title")
    assert (renamed.id, renamed.description, renamed.board_owner) == ("1", "d", pin.board_owner)
    expected = {"id": "1", "title": "New title", "description": "d", "board_owner": {"username": "ann"}}
    assert renamed.to_dict() == expected
    assert renamed != pin and attrs.evolve(pin) == attrs.evolve(renamed, title="Hi")


def test_evolve_keeps_only_the_constructors_fields() -> None:
    """What did not fit and unknown keys are not constructor fields: attrs leaves them behind."""
    from pinterest_api_v5.models import Pin

    pin = Pin.from_dict({"id": "1", "link": 5, "extra": True})
    evolved = attrs.evolve(pin, title="t")
    assert (dict(pin.unparsed), pin.additional_properties) == ({"link": 5}, {"extra": True})
    assert (dict(evolved.unparsed), evolved.additional_properties) == ({}, {})
    assert evolved.to_dict() == {"id": "1", "title": "t"}


def test_fields_lists_the_constructor_first_then_what_parsing_keeps() -> None:
    from pinterest_api_v5.models import Pin

    fields = attrs.fields(Pin)
    names = [field.name for field in fields]
    assert names[0] == "id" and names[-3:] == ["additional_properties", "unparsed", "_nulls"]
    assert [field.name for field in fields if field.init] == list(Pin.__match_args__)
    assert fields.id.default is attrs.NOTHING and fields.title.default is None
    assert not fields._nulls.eq and not fields._nulls.repr


def test_asdict_gives_nested_models_as_dicts() -> None:
    from pinterest_api_v5.models import Pin

    pin = Pin.from_dict({"id": "1", "board_owner": {"username": "ann"}, "link": 5})
    shown = attrs.asdict(pin, filter=lambda field, _value: field.init)
    assert shown["id"] == "1" and shown["board_owner"] == {"username": "ann"} and shown["title"] is None
    assert "unparsed" not in shown and "_nulls" not in shown
    assert dict(attrs.asdict(pin)["unparsed"]) == {"link": 5}


def test_equality_is_attrs_by_fields_and_what_did_not_fit() -> None:
    from pinterest_api_v5.models import BoardOwner

    assert BoardOwner(username="ann") == BoardOwner(username="ann") != BoardOwner(username="bob")
    arrived_null = BoardOwner.from_dict({"username": None})
    assert arrived_null == BoardOwner()  # _nulls is not compared (eq=False) ...
    assert arrived_null.to_dict() == {"username": None} != BoardOwner().to_dict()  # ... but sent back
    assert BoardOwner.from_dict({"username": 5}) != BoardOwner()  # unparsed is compared


def test_repr_hides_credentials_after_evolve_and_unpickling() -> None:
    from pinterest_api_v5.models import OauthAccessTokenResponseCode, TokenRevocationRequest

    body: dict[str, Any] = {"access_token": "pina_A", "refresh_token": "pinr_R", "token_type": "bearer"}
    body |= {"expires_in": 1, "scope": "x", "response_type": "authorization_code", "refresh_token_expires_in": 2}
    reply = OauthAccessTokenResponseCode.from_dict(body)
    for shown in (reply, attrs.evolve(reply, scope="y"), pickle.loads(pickle.dumps(reply))):
        assert "pina_" not in repr(shown) and "pinr_" not in repr(shown) and "access_token=<redacted>" in repr(shown)
    revoke = attrs.evolve(TokenRevocationRequest(token="pina_SECRET"), token_type_hint=None)
    assert repr(revoke) == "TokenRevocationRequest(token=<redacted>, token_type_hint=None)"


def test_evolve_of_a_client_keeps_the_token_out_of_its_repr() -> None:
    from pinterest_api_v5 import AuthenticatedClient

    client = AuthenticatedClient("http://127.0.0.1:9", "pina_SECRET")
    client.get_httpx_client()  # puts the Authorization header into the client's headers
    evolved = attrs.evolve(client, token="pina_OTHER")
    assert evolved.token == "pina_OTHER" and "pina_" not in repr(evolved) and "pina_" not in repr(client)
    assert evolved.get_httpx_client().headers["Authorization"] == "Bearer pina_OTHER"
