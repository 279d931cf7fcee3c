"""Values that satisfy the description's schemas: a checker and a synthesizer.

``problem(schema, value)`` is a small validator for the subset of OpenAPI 3.0 schemas the v5
description uses (types, ``nullable``, enums, patterns, formats, lengths, bounds, ``required``,
``additionalProperties``, ``allOf``/``oneOf``/``anyOf``, ``readOnly``/``writeOnly`` by direction); it
names the first place that fails, e.g. ``name: expected a string``.

``sample(schema, seed, overlay)`` builds a value the schema accepts. Where ``overlay`` (what
a caller sent, or what the state holds) has a value the schema accepts, that value is
kept; everything else is derived from ``seed`` (an operation and its ids), so the same
question always gets the same answer. Objects get their required properties and, near
the top, their optional ones; arrays one item (or their ``minItems``); enums a member
picked by the seed; a ``oneOf`` the first member that matches exactly one member. A
discriminated ``oneOf`` (catalog feeds, item batches, advanced-auction records) always
carries its discriminating field and drops the optional fields that would make it match
another member too; where another member requires nothing the chosen one lacks (a
creative-assets feed and a hotel feed, item batches of any type, an upsert and a delete
record), no field can tell them apart and the discriminating field is what does.

Direction matters as in OpenAPI: a request never carries ``readOnly`` properties, a
response never ``writeOnly`` ones.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import re
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from types import MappingProxyType
from typing import Any, Literal

from pinterest_tools.emulator.described.schema_table import Schema, SchemaTable, table

Direction = Literal["request", "response"]
MISSING: Any = object()
OPTIONAL_DEPTH = 4  # optional properties are filled down to this depth
MAX_DEPTH = 12
BASE_DATE = dt.date(2024, 1, 1)
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


# Values by field name that an answer should echo (the request's ids and dates), see ``Schemas.hinted``.
_HINTS: ContextVar[Mapping[str, Any]] = ContextVar("synth_hints", default=MappingProxyType({}))
# True while rendering a stored object, see ``Schemas.sparse``.
_SPARSE: ContextVar[bool] = ContextVar("synth_sparse", default=False)
# The emulator's day (UTC) while an answer is built, see ``Schemas.dated``; None outside one (a
# request sampled by a test), where dates fall in the year from BASE_DATE.
_TODAY: ContextVar[dt.date | None] = ContextVar("synth_today", default=None)
DAY = 24 * 60 * 60
# Integer fields that hold a moment (seconds since the epoch, or milliseconds where the name or
# the example says so), by what kind of moment: a made-up value is placed by the emulator's
# day accordingly, never a small number or years before its clock.
_MOMENT = re.compile(r"(?:^|_)(?:time|timestamp|at|on_timestamp)(?:_ms)?$")
_LATEST = ("updated", "modified", "last", "latest")
_FUTURE = ("end", "expir", "until", "scheduled")
_NOT_MOMENTS = frozenset({"watch", "average", "avg", "duration", "response", "window", "zone", "times", "count"})


def digest(seed: str) -> int:
    """A stable number from ``seed`` (Python's ``hash`` changes per process)."""
    return int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big")


def _type_of(schema: Schema) -> str | None:
    declared = schema.get("type")
    if isinstance(declared, str):
        return declared
    if "oneOf" in schema or "anyOf" in schema:  # the alternatives say what it is: POST /notifications
        return None  # takes an array or an object, beside an untyped ``additionalProperties``
    if "properties" in schema or "additionalProperties" in schema or "required" in schema:
        return "object"
    if "items" in schema:
        return "array"
    return None


class Schemas:
    """The checker and the synthesizer over one schema table."""

    def __init__(self, table: SchemaTable) -> None:
        self.table = table

    def resolve(self, schema: Schema) -> Schema:
        return self.table.resolve(schema)

    def _flag(self, schema: Schema, name: str) -> bool:
        return bool(schema.get(name) or self.resolve(schema).get(name))

    # ------------------------------------------------------------------ checking
    def problem(self, schema: Schema, value: Any, direction: Direction = "response", where: str = "") -> str | None:
        """Why ``value`` does not satisfy ``schema`` (the first problem found), or None."""
        schema = self.resolve(schema)
        here = where or "<body>"
        if value is None:
            return None if schema.get("nullable") or (not schema and not where) else f"{here}: may not be null"
        if "discriminator" in schema and any(key in schema for key in ("oneOf", "anyOf", "allOf")):
            return self._discriminated_problem(schema, value, direction, where)
        for member in schema.get("allOf", ()):
            if found := self.problem(member, value, direction, where):
                return found
        if "oneOf" in schema:
            matches = sum(self.problem(m, value, direction, where) is None for m in schema["oneOf"])
            if matches != 1:
                return f"{here}: matches {matches} of the {len(schema['oneOf'])} alternatives (oneOf), not one"
        if "anyOf" in schema and all(self.problem(m, value, direction, where) for m in schema["anyOf"]):
            return f"{here}: matches none of the alternatives"
        if "enum" in schema and not any(value == e and type(value) is type(e) for e in schema["enum"]):
            return f"{here}: {value!r} is not one of {', '.join(map(str, schema['enum'][:10]))}"
        kind = _type_of(schema)
        check = {
            "string": self._string_problem,
            "integer": self._number_problem,
            "number": self._number_problem,
            "boolean": self._boolean_problem,
            "array": self._array_problem,
            "object": self._object_problem,
        }.get(kind or "")
        return check(schema, value, direction, where) if check else None

    def _discriminated_problem(self, schema: Schema, value: Any, direction: Direction, where: str) -> str | None:
        """Only the alternative the discriminating property names applies (as openapi-core reads it)."""
        here = where or "<body>"
        name = schema["discriminator"]["propertyName"]
        if not isinstance(value, Mapping) or not value.get(name):
            return f"{here}: the discriminating field {name} is missing"
        target = self.discriminated(schema).get(value[name], value[name])
        if target not in self.table.schemas:
            return f"{here}.{name}: {value[name]!r} is not a known kind"
        rest = {k: v for k, v in schema.items() if k not in ("discriminator", "oneOf", "anyOf", "allOf")}
        return self.problem({"$ref": target}, value, direction, where) or self.problem(rest, value, direction, where)

    @staticmethod
    def discriminated(schema: Schema) -> dict[str, str]:
        """A discriminator's mapping: property value -> component name."""
        mapping = schema["discriminator"].get("mapping", {})
        return {key: ref.rsplit("/", 1)[-1] for key, ref in mapping.items()}

    @staticmethod
    def _string_problem(schema: Schema, value: Any, direction: Direction, where: str) -> str | None:
        here = where or "<body>"
        if not isinstance(value, str):
            return f"{here}: expected a string"
        if found := _size_problem(here, len(value), schema, "Length", "characters"):
            return found
        if "pattern" in schema and not re.search(schema["pattern"], value):
            return f"{here}: does not match {schema['pattern']}"
        form = schema.get("format")
        if (form == "date" and not DATE.match(value)) or (form == "date-time" and not DATE_TIME.match(value)):
            return f"{here}: not a {form}"
        return None

    @staticmethod
    def _number_problem(schema: Schema, value: Any, direction: Direction, where: str) -> str | None:
        here = where or "<body>"
        integer = schema.get("type") == "integer"
        if isinstance(value, bool) or not isinstance(value, int if integer else (int, float)):
            return f"{here}: expected {'an integer' if integer else 'a number'}"
        low, high = schema.get("minimum"), schema.get("maximum")
        if low is not None and (value < low or (schema.get("exclusiveMinimum") and value == low)):
            return f"{here}: below the minimum {low}"
        if high is not None and (value > high or (schema.get("exclusiveMaximum") and value == high)):
            return f"{here}: above the maximum {high}"
        if schema.get("format") == "int32" and not -(2**31) <= value < 2**31:
            return f"{here}: not an int32"
        return None

    @staticmethod
    def _boolean_problem(schema: Schema, value: Any, direction: Direction, where: str) -> str | None:
        return None if isinstance(value, bool) else f"{where or '<body>'}: expected true or false"

    def _array_problem(self, schema: Schema, value: Any, direction: Direction, where: str) -> str | None:
        here = where or "<body>"
        if not isinstance(value, list):
            return f"{here}: expected an array"
        if found := _size_problem(here, len(value), schema, "Items", "items"):
            return found
        if schema.get("uniqueItems") and len({repr(item) for item in value}) != len(value):
            return f"{here}: items are not unique"
        items = schema.get("items", {})
        for index, item in enumerate(value):
            if found := self.problem(items, item, direction, f"{where}[{index}]"):
                return found
        return None

    def _object_problem(self, schema: Schema, value: Any, direction: Direction, where: str) -> str | None:
        here = where or "<body>"
        if not isinstance(value, Mapping):
            return f"{here}: expected an object"
        properties: dict[str, Schema] = schema.get("properties", {})
        hidden = "readOnly" if direction == "request" else "writeOnly"
        for name in schema.get("required", ()):
            if name not in value and not (name in properties and self._flag(properties[name], hidden)):
                return f"{where + '.' if where else ''}{name}: required"
        extra = schema.get("additionalProperties", True)
        for name, item in value.items():
            place = f"{where}.{name}" if where else str(name)
            if name in properties:
                if self._flag(properties[name], hidden):
                    return f"{place}: {'read-only' if direction == 'request' else 'write-only'}"
                if found := self.problem(properties[name], item, direction, place):
                    return found
            elif extra is False:
                return f"{place}: unknown field"
            elif isinstance(extra, dict) and (found := self.problem(extra, item, direction, place)):
                return found
        return _size_problem(here, len(value), schema, "Properties", "fields")

    # ------------------------------------------------------------------ synthesizing
    @staticmethod
    @contextlib.contextmanager
    def hinted(hints: Mapping[str, Any]) -> Iterator[None]:
        """Within the block, a field the overlay leaves out takes ``hints[name]`` where it fits
        (an answer about ad account 1 says ``"ad_account_id": "1"`` wherever it has one)."""
        token = _HINTS.set(hints)
        try:
            yield
        finally:
            _HINTS.reset(token)

    @staticmethod
    @contextlib.contextmanager
    def dated(today: dt.date) -> Iterator[None]:
        """Within the block, made-up dates and times fall near ``today`` (the emulator's clock):
        dates in the year before it, a creation in the 30 days before, an update on the day,
        an end in the 30 days after. The same question asked on the same day gets the same answer."""
        token = _TODAY.set(today)
        try:
            yield
        finally:
            _TODAY.reset(token)

    @staticmethod
    @contextlib.contextmanager
    def sparse() -> Iterator[None]:
        """Within the block, objects get only their required properties (from the hints where
        they name one) and what the overlay holds: a stored object is shown with the fields
        it has, never with optional ones made up (a made-up ``board_section_id`` would
        contradict a later read)."""
        token = _SPARSE.set(True)
        try:
            yield
        finally:
            _SPARSE.reset(token)

    def sample(
        self, schema: Schema, seed: str, overlay: Any = MISSING, direction: Direction = "response", depth: int = 0
    ) -> Any:
        """A value ``schema`` accepts, keeping what of ``overlay`` it accepts (see the module docstring)."""
        resolved = self.resolve(schema)
        if overlay is None:
            overlay = MISSING
        if overlay is not MISSING and not isinstance(overlay, dict | list):
            if self.problem(resolved, overlay, direction) is None:
                return overlay
            overlay = MISSING
        if "allOf" in resolved:
            return self._all_of(resolved, seed, overlay, direction, depth)
        members = resolved.get("oneOf") or resolved.get("anyOf")
        if members and "discriminator" in resolved:
            return self._discriminated(resolved, seed, overlay, direction, depth)
        if members:
            return self._one_of(resolved, members, seed, overlay, direction, depth)
        if "enum" in resolved:
            choices = [value for value in resolved["enum"] if value is not None]
            return choices[digest(seed) % len(choices)] if choices else None
        kind = _type_of(resolved)
        if kind == "object":
            return self._object(resolved, seed, overlay, direction, depth)
        if kind == "array":
            return self._array(resolved, seed, overlay, direction, depth)
        if kind == "string":
            return self._string(resolved, seed)
        if kind in ("integer", "number"):
            return self._number(resolved, seed)
        if kind == "boolean":
            return digest(seed) % 2 == 0
        return overlay if overlay is not MISSING else {}

    def _all_of(self, schema: Schema, seed: str, overlay: Any, direction: Direction, depth: int) -> Any:
        result: Any = MISSING
        own = {key: value for key, value in schema.items() if key != "allOf"}
        parts = [*schema["allOf"], *([own] if _type_of(own) else [])]
        for member in parts:
            guide = _merge(result, overlay)  # what was asked for wins over what a member made up
            part = self.sample(member, seed, guide, direction, depth)
            result = _merge(result, part) if isinstance(part, dict) else part
        return result

    def _discriminated(self, schema: Schema, seed: str, overlay: Any, direction: Direction, depth: int) -> Any:
        name = schema["discriminator"]["propertyName"]
        mapping = self.discriminated(schema) or {
            member["$ref"]: member["$ref"] for member in schema.get("oneOf") or schema.get("anyOf") or []
        }
        keys = sorted(mapping)
        given = overlay.get(name) if isinstance(overlay, dict) else None
        key = given if given in mapping else keys[digest(seed) % len(keys)]
        value = self.sample({"$ref": mapping[key]}, seed, overlay, direction, depth)
        if isinstance(value, dict):
            value[name] = key
            value = self._unambiguous(schema, {"$ref": mapping[key]}, value, direction)
        return value

    def _required(self, schema: Schema) -> set[str]:
        """The properties an object schema requires, through ``$ref`` and ``allOf``."""
        resolved = self.resolve(schema)
        found = set(resolved.get("required", ()))
        for member in resolved.get("allOf", ()):
            found |= self._required(member)
        return found

    def _unambiguous(self, schema: Schema, chosen: Schema, value: dict[str, Any], direction: Direction) -> Any:
        """``value`` (an object of the ``chosen`` alternative) without the optional fields that make it
        match other alternatives too, so that it matches one member of the ``oneOf`` even for a
        reader that ignores the discriminator. Where another alternative requires nothing the
        chosen one lacks (Pinterest's item batches), no field can tell them apart and ``value``
        stays as it is."""
        members = schema.get("oneOf") or []
        keep = self._required(chosen)
        pruned = dict(value)
        for member in members:
            if self.resolve(member) is self.resolve(chosen) or self.problem(member, pruned, direction) is not None:
                continue
            for field in self._required(member) - keep:
                pruned.pop(field, None)
        return pruned if self.problem(chosen, pruned, direction) is None else value

    def _one_of(
        self, schema: Schema, members: list[Schema], seed: str, overlay: Any, direction: Direction, depth: int
    ) -> Any:
        order = list(range(len(members)))
        if overlay is not MISSING:  # the alternative the overlay already is, first
            order.sort(key=lambda i: self.problem(members[i], overlay, direction) is not None)
        else:
            start = digest(seed) % len(members)
            order = order[start:] + order[:start]
        first: Any = MISSING
        for index in order:
            candidate = self.sample(members[index], seed, overlay, direction, depth)
            first = candidate if first is MISSING else first
            if self.problem(schema, candidate, direction) is None:
                return candidate
        return first

    def _object(self, schema: Schema, seed: str, overlay: Any, direction: Direction, depth: int) -> dict[str, Any]:
        given: dict[str, Any] = overlay if isinstance(overlay, dict) else {}
        properties: dict[str, Schema] = schema.get("properties", {})
        required = set(schema.get("required", ()))
        hidden = "readOnly" if direction == "request" else "writeOnly"
        out: dict[str, Any] = {}
        for name, prop in properties.items():
            if self._flag(prop, hidden):
                continue
            hinted = name in required or not _SPARSE.get()  # a stored object's optional fields are its own
            value = given.get(name, _HINTS.get().get(name, MISSING) if hinted else MISSING)
            if value is None:
                if prop.get("nullable") or self.resolve(prop).get("nullable"):
                    out[name] = None
                    continue
                value = MISSING
            wanted = name in required or value is not MISSING or (depth < OPTIONAL_DEPTH and not _SPARSE.get())
            if not wanted or (depth >= MAX_DEPTH and name not in required):
                continue
            out[name] = self.sample(prop, f"{seed}.{name}", value, direction, depth + 1)
        extra = schema.get("additionalProperties")
        if not properties and extra in (None, True):  # a free-form object takes the overlay as it is
            return dict(given)
        if extra is True:  # declared open: what the overlay has beyond the properties stays
            out |= {key: value for key, value in given.items() if key not in properties}
        if not properties and isinstance(extra, dict):
            for key, value in given.items():
                if self.problem(extra, value, direction) is None:
                    out[key] = value
            if len(out) < schema.get("minProperties", 0):  # a map that must not be empty: one entry
                out[str(1_000_000_000_000 + digest(seed) % 10**9)] = self.sample(extra, seed + "{}", MISSING, direction)
        return out

    def _array(self, schema: Schema, seed: str, overlay: Any, direction: Direction, depth: int) -> list[Any]:
        items = schema.get("items", {})
        low, high = schema.get("minItems", 0), schema.get("maxItems")
        if isinstance(overlay, list) and len(overlay) >= low:
            kept = overlay[:high] if high is not None else overlay
            return [self.sample(items, f"{seed}[{i}]", item, direction, depth + 1) for i, item in enumerate(kept)]
        # A stored object's list it was not given is empty, not one element made up (``errors: [{}]``).
        count = max(low, 1 if depth < MAX_DEPTH and not _SPARSE.get() else 0)
        if high is not None:
            count = min(count, high)
        values: list[Any] = []
        for index in range(count * 4):
            if len(values) == count:
                break
            value = self.sample(items, f"{seed}[{index}]", MISSING, direction, depth + 1)
            if not schema.get("uniqueItems") or value not in values:
                values.append(value)
        return values

    def _string(self, schema: Schema, seed: str) -> str:
        number = digest(seed)
        today = _TODAY.get()
        first = BASE_DATE if today is None else today - dt.timedelta(days=364)
        day = first + dt.timedelta(days=number % 365)
        digits = str(1_000_000_000_000 + number % 10**9)
        form = schema.get("format")
        if form == "date":
            return day.isoformat()
        if form == "date-time":
            return f"{day.isoformat()}T{number % 24:02d}:00:00Z"
        name = seed.rsplit(".", 1)[-1].strip("[]0123456789")
        # The description's example is a fine value for a name or a URL, never for an id: an id
        # answered is one a client will ask about, so it is derived from the question instead.
        example = schema.get("example")
        candidates = [example] if isinstance(example, str) and not _names_an_id(name) else []
        if today is not None and isinstance(example, str) and (DATE.match(example) or _looks_timed(example)):
            candidates = []  # the example's moment (2020) would be years before the emulator's clock
        if _names_an_id(name):  # Pinterest's ids are numeric strings
            candidates.append(digits)
        if name.endswith(("url", "link", "uri")):
            candidates.append(f"https://example.com/{digits}")
        if name == "id" or name.endswith(("_id", "_ids")):
            candidates.append(digits)  # Pinterest's ids are digits (5.28.0 says so: ``^\d+$``), where unstated too
        candidates += [
            f"{name or 'value'}-{digits[-6:]}",
            digits,
            day.isoformat(),
            f"https://example.com/{digits}",
            f"{day.isoformat()}T00:00:00.000Z",
            f"{number % 24:02d}:00",
            "AG" + digits,
            "C" + digits,
            "emulator" + digits[-6:],
        ]
        low, high = schema.get("minLength", 0), schema.get("maxLength")
        for candidate in candidates:
            fitted: str = candidate.ljust(low, "x")
            fitted = fitted[:high] if high is not None else fitted
            if self._string_problem(schema, fitted, "response", "") is None:
                return fitted
        return "x" * max(int(low), 1)

    def _number(self, schema: Schema, seed: str) -> int | float:
        moment = _moment(schema, seed)
        if moment is not None and self._number_problem(schema, moment, "response", "") is None:
            return moment
        low = schema.get("minimum")
        high = schema.get("maximum")
        if low is not None and schema.get("exclusiveMinimum"):
            low = low + 1
        if high is not None and schema.get("exclusiveMaximum"):
            high = high - 1
        low = 0 if low is None else low
        high = low + 1000 if high is None else high
        span = max(int(high) - int(low), 0)
        value = int(math_ceil(low)) + digest(seed) % (span + 1) if span else low
        value = min(max(value, low), high)
        return int(value) if schema.get("type") == "integer" else float(value)


@functools.cache
def schemas() -> Schemas:
    """The checker and synthesizer over the description's table: it keeps no state of its
    own, so every module that checks or samples shares this one."""
    return Schemas(table())


def _size_problem(here: str, size: int, schema: Schema, keyword: str, noun: str) -> str | None:
    """``minLength``/``maxLength``, ``minItems``/``maxItems`` or ``minProperties``/``maxProperties``."""
    low, high = schema.get("min" + keyword, 0), schema.get("max" + keyword)
    if size < low:
        return f"{here}: fewer than {low} {noun}"
    if high is not None and size > high:
        return f"{here}: more than {high} {noun}"
    return None


def _looks_timed(text: str) -> bool:
    """Whether ``text`` is an ISO 8601 date-time (with or without a zone or fractions)."""
    try:
        dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return "T" in text


def _moment(schema: Schema, seed: str) -> int | float | None:
    """A made-up moment for an integer field whose name says it holds one (``created_time``,
    ``updated_timestamp``, ``shared_on_timestamp``, ``received_at``), placed by the emulator's day
    (see ``Schemas.dated``); None for any other field, or outside an answer."""
    today = _TODAY.get()
    name = seed.rsplit(".", 1)[-1].strip("[]0123456789").lower()
    if today is None or schema.get("type") not in ("integer", "number") or not _MOMENT.search(name):
        return None
    words = name.split("_")
    if _NOT_MOMENTS.intersection(words):
        return None
    midnight = int(dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC).timestamp())
    offset = 1 + digest(seed) % (30 * DAY)
    if any(word.startswith(_LATEST) for word in words):
        seconds = midnight
    elif any(word.startswith(_FUTURE) for word in words):
        seconds = midnight + offset
    else:  # a creation, a start, a sharing: before the day
        seconds = midnight - offset
    example = schema.get("example")
    in_ms = name.endswith("_ms") or (isinstance(example, int) and example > 10**11)
    value = seconds * 1000 if in_ms else seconds
    return value if schema.get("type") == "integer" else float(value)


def _names_an_id(name: str) -> bool:
    """``id``, ``item_id``, ``pin_ids`` (an element of), ``token``, ``batch_id``: a field that names an object."""
    return name in ("id", "ids", "token") or name.endswith(("_id", "_ids", "_token"))


def math_ceil(value: float) -> int:
    return -int(-value // 1)


def deep_merge(base: Any, change: Any) -> Any:
    """PATCH semantics: objects merge field by field, anything else is replaced."""
    if isinstance(base, dict) and isinstance(change, dict):
        merged = dict(base)
        for key, value in change.items():
            merged[key] = deep_merge(base.get(key), value)
        return merged
    return change


def _merge(base: Any, extra: Any) -> Any:
    """Two partial objects as one (``extra`` wins); anything but two objects: whichever is set."""
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = _merge(merged.get(key, MISSING), value)
        return merged
    return base if extra is MISSING else extra
