"""Fields parsed on first read (``types.LazyField``) read, compare and go back as an eager parse's.

The model template makes a field lazy when its value is a JSON object that becomes a model:
a model, or a union whose members other than null are all models. These tests derive that
set from the generated classes' own annotations (every field of every model of both
packages), check that exactly those fields are lazy, and compare each with an eager parse
of the same JSON: for every model member of every lazy field, a sample object built from
the annotations is parsed twice, once as plain dicts (the lazy path) and once with every
JSON object a read-only mapping (``from_dict`` parses a mapping that is not a ``dict`` at
once), and the two must read equal, be of the same typed class and go back as they came.
"""

from __future__ import annotations

import datetime
import enum
import importlib
import types
import typing
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import pytest
from support.user_scripts import mypy_strict

PACKAGES = ["pinterest_api_v5", "pinterest_api_v3"]
MAX_DEPTH = 6


def model_classes(package: str) -> list[type]:
    models = importlib.import_module(f"{package}.models")
    classes = [getattr(models, name) for name in models.__all__]
    return [cls for cls in classes if attrs.has(cls) and not issubclass(cls, enum.Enum)]


def hints(cls: type) -> dict[str, Any]:
    """The annotations of ``cls``'s constructor fields, resolved (the models a module imports on first use included)."""
    cls.from_dict({})  # makes the module's lazily imported models its globals
    resolved = typing.get_type_hints(cls)
    return {field.name: resolved[field.name] for field in attrs.fields(cls) if field.init}


def members(annotation: Any) -> list[Any]:
    """The members of a union annotation other than None (the annotation itself when it is no union)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    return [annotation]


def is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and attrs.has(annotation) and hasattr(annotation, "from_dict")


def model_members(annotation: Any) -> list[type]:
    """The model classes a field can hold when every member but None is one; else []: the rule for a lazy field."""
    found = members(annotation)
    return found if found and all(is_model(member) for member in found) else []


def lazy_type(package: str) -> type:
    return importlib.import_module(f"{package}.types").LazyField  # type: ignore[no-any-return]


def lazy_fields(package: str) -> Iterator[tuple[type, str, list[type]]]:
    """(model, field, the field's model members) for every field the rule makes lazy."""
    for cls in model_classes(package):
        for name, annotation in hints(cls).items():
            if model_members(annotation):
                yield cls, name, model_members(annotation)


def sample(annotation: Any, depth: int, choose: dict[tuple[type, str], type]) -> Any:
    """A value of ``annotation`` for a model's constructor (``choose`` picks a union's member per field)."""
    if annotation is Any or annotation is object:
        return "any"
    options = members(annotation)
    if len(options) > 1 or annotation is not options[0]:
        return sample(options[0], depth, choose) if options else None
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return typing.get_args(annotation)[0]
    if origin is list:
        (item,) = typing.get_args(annotation) or (Any,)
        return [sample(item, depth, choose)]
    if origin is dict:
        return {"key": sample(typing.get_args(annotation)[1], depth, choose)}
    if is_model(annotation):
        return build(annotation, depth + 1, choose) if depth < MAX_DEPTH else None
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return next(iter(annotation))
    simple: dict[Any, Any] = {
        str: "text",
        bool: True,
        int: 7,
        float: 2.5,
        datetime.datetime: datetime.datetime(2024, 5, 1, 12, 30),
        datetime.date: datetime.date(2024, 5, 1),
        uuid.UUID: uuid.UUID(int=1),
    }
    return simple.get(annotation)


def build(cls: type, depth: int = 0, choose: dict[tuple[type, str], type] | None = None) -> Any:
    """A model of ``cls`` with every field set from its annotation (nested models built in code, not parsed)."""
    choose = choose or {}
    values = {}
    for name, annotation in hints(cls).items():
        picked = choose.get((cls, name))
        values[name] = sample(picked or annotation, depth, choose)
    return cls(**values)


def read_only(value: Any) -> Any:
    """JSON with every object a read-only mapping: ``from_dict`` parses those at once (the eager path)."""
    if isinstance(value, dict):
        return types.MappingProxyType({key: read_only(item) for key, item in value.items()})
    if isinstance(value, list):
        return [read_only(item) for item in value]
    return value


def plain(value: Any) -> Any:
    """``value`` with read-only mappings as dicts (what ``to_dict()`` of the eager parse compares with)."""
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


@pytest.mark.parametrize("package", PACKAGES)
def test_exactly_the_model_valued_fields_are_lazy(package: str) -> None:
    lazy = lazy_type(package)
    expected = {(cls.__name__, name) for cls, name, _ in lazy_fields(package)}
    found = {
        (cls.__name__, field.name)
        for cls in model_classes(package)
        for field in attrs.fields(cls)
        if isinstance(cls.__dict__.get(field.name), lazy)
    }
    assert found == expected
    assert len(expected) > (300 if package == "pinterest_api_v5" else 10)
    if package == "pinterest_api_v5":  # the parts of a pin a listing may never read
        sizes = {("ImageSize", f"field_{size}") for size in ("150x150", "400x300", "600x", "1200x")}
        assert {("Pin", "media"), ("Pin", "board_owner"), ("Pin", "pin_metrics"), *sizes} <= expected


@pytest.mark.parametrize("package", PACKAGES)
def test_every_lazy_field_reads_what_an_eager_parse_reads(package: str) -> None:
    """Every model member of every lazy field: equal values of the same class, and the JSON back as it came."""
    failures = []
    checked = 0
    for cls, name, options in lazy_fields(package):
        for member in options:
            body = build(cls, choose={(cls, name): member}).to_dict()
            lazy, eager = cls.from_dict(body), cls.from_dict(read_only(body))
            before = lazy.to_dict()  # nothing read yet: the JSON objects as they came
            value, expected = getattr(lazy, name), getattr(eager, name)
            checked += 1
            # a union's member is the one its order picks (another may fit the sample too), the same both ways
            if type(value) is not type(expected) or type(value) not in options:
                failures.append(f"{cls.__name__}.{name}: {type(value).__name__}, eager {type(expected).__name__}")
            elif value != expected or lazy != eager:
                failures.append(f"{cls.__name__}.{name} ({member.__name__}): lazy and eager parses differ")
            elif not before == lazy.to_dict() == plain(eager.to_dict()) == body:
                failures.append(f"{cls.__name__}.{name} ({member.__name__}): to_dict() differs from what came")
            elif getattr(lazy, name) is not value:
                failures.append(f"{cls.__name__}.{name}: parsed again on the second read")
    assert failures == []
    assert checked > (300 if package == "pinterest_api_v5" else 10)


def json_key(cls: type, name: str, member: type) -> str:
    """The JSON key of field ``name``: the one key of a model with only that field set."""
    model = cls(**{field: None for field in hints(cls)})
    setattr(model, name, build(member))
    (key,) = (key for key, value in model.to_dict().items() if value is not None)
    return key


@pytest.mark.parametrize("package", PACKAGES)
def test_an_object_no_member_fits_is_kept_as_an_eager_parse_keeps_it(package: str) -> None:
    """Whether a value fits is settled by from_dict: ``unparsed`` and the field read as in an eager parse."""
    failures = []
    for cls, name, options in lazy_fields(package):
        key = json_key(cls, name, options[0])
        for odd in ({}, {"__later__": [1]}, {"media_type": "__later__"}, "text", [{}], None):
            body = {key: odd}
            lazy, eager = cls.from_dict(body), cls.from_dict(read_only(body))
            if lazy.unparsed != eager.unparsed or getattr(lazy, name) != getattr(eager, name):
                failures.append(f"{cls.__name__}.{name} with {odd!r}")
            elif lazy.to_dict() != body or plain(eager.to_dict()) != body:
                failures.append(f"{cls.__name__}.{name} with {odd!r}: to_dict() differs from what came")
    assert failures == []


PIN = {
    "id": "1",
    "board_owner": {"username": "ann"},
    "media": {
        "media_type": "image",
        "images": {
            size: {"url": f"https://i.example.com/{size}.jpg", "width": 1, "height": 1}
            for size in ("150x150", "400x300", "600x", "1200x")
        },
    },
    "pin_metrics": {"all_time": {"impression": 3}},
}


def test_a_field_never_read_goes_back_as_a_copy() -> None:
    """Changing what ``to_dict()`` gave leaves the model as it was (as for a parsed field)."""
    from pinterest_api_v5.models import Pin

    pin = Pin.from_dict(PIN)
    sent = pin.to_dict()
    sent["media"]["images"]["150x150"]["url"] = "changed"
    sent["board_owner"]["username"] = "changed"
    assert pin.media is not None and pin.media.to_dict() == PIN["media"]
    assert pin.board_owner is not None and pin.board_owner.username == "ann"
    assert pin.to_dict() == PIN


def test_attrs_tools_and_assignment_see_the_parsed_field() -> None:
    from pinterest_api_v5.models import BoardOwner, Pin, PinMediaWithImage

    pin = Pin.from_dict(PIN)
    assert attrs.asdict(pin)["board_owner"]["username"] == "ann"
    assert "media=PinMediaWithImage(media_type=" in repr(pin)
    assert attrs.evolve(pin, title="t").media == Pin.from_dict(PIN).media
    pin.board_owner = BoardOwner(username="bo")  # set in code: read back as set, sent as set
    assert pin.board_owner.username == "bo" and pin.to_dict()["board_owner"] == {"username": "bo"}
    assert isinstance(Pin.from_dict(PIN).media, PinMediaWithImage)


USER_SCRIPT = """\
from pinterest_api_v5.models import Pin, PinMediaWithImage


def thumbnails(pins: list[Pin]) -> list[str]:
    urls = []
    for pin in pins:
        if isinstance(pin.media, PinMediaWithImage) and pin.media.images and pin.media.images.field_150x150:
            urls.append(pin.media.images.field_150x150.url)
        if pin.board_owner is not None and pin.board_owner.username:
            urls.append(pin.board_owner.username)
    return urls
"""
# each line is a mistake only if the lazy fields keep their types (an Any would let all pass)
MISTAKES = """\
from pinterest_api_v5.models import Pin, PinMediaWithImage

pin = Pin.from_dict({})
if isinstance(pin.media, PinMediaWithImage) and pin.media.images and pin.media.images.field_150x150:
    width: str = pin.media.images.field_150x150.url + 1
owner: int = pin.board_owner
media: str = pin.media
"""


def test_a_user_script_reading_pin_media_passes_mypy_strict_without_casts(tmp_path: Path) -> None:
    script, mistakes = tmp_path / "thumbnails.py", tmp_path / "mistakes.py"
    script.write_text(USER_SCRIPT)
    mistakes.write_text(MISTAKES)
    assert "cast(" not in USER_SCRIPT and "Any" not in USER_SCRIPT and "ignore" not in USER_SCRIPT
    result = mypy_strict([script, mistakes], "--no-error-summary")
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert all(line.split(":")[0].endswith("mistakes.py") for line in errors), result.stdout
    assert sorted({int(line.split(":")[1]) for line in errors}) == [5, 6, 7], result.stdout
