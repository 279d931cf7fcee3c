"""Annotations as the facade writes them: types of the generated package as text, and each method's parameters.

Both the resource modules and ``api.md`` show a method's parameters; they read them from
:func:`parameters` here, so that the index can never disagree with the signatures it indexes.
:class:`Imports` records what a module must import for the names it wrote.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from dataclasses import dataclass, field
from typing import Any

from specgen.facade.model import (
    PACKAGE,
    PAGING_EXTRA,
    FacadeError,
    Operation,
    is_enum,
    is_model,
    is_unset,
    members,
)

# keyword-only on every method, as in openai-python (pinterest_tools.rest.call_options)
CALL_OPTIONS = (
    "timeout: float | None = None,",
    "max_retries: int | None = None,",
    "extra_headers: Mapping[str, str] | None = None,",
    "extra_query: Mapping[str, Any] | None = None,",
)


@dataclass
class Imports:
    """What a generated module must import for its annotations."""

    typing: set[str] = field(default_factory=set)
    abc: set[str] = field(default_factory=set)
    datetime: bool = False
    builtins: bool = False
    models: dict[str, str] = field(default_factory=dict)  # class name -> module
    values: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # alias -> the values of an enum

    def value_alias(self, tp: type[enum.Enum]) -> str:
        """The name of the ``Literal`` of an enum's values, defined once in the module (``GranularityValue``).

        An enum parameter takes the member or its value; written inline, the values of a
        100-member enum filled a module once per signature (sync, async, overloads).
        """
        name = f"{self.model(tp)}Value"
        self.values[name] = tuple(member.value for member in tp)
        self.typing.add("Literal")
        return name

    def model(self, tp: type) -> str:
        """The name a module writes for a generated class; two classes of one name would be ambiguous."""
        known = self.models.setdefault(tp.__name__, tp.__module__)
        if known != tp.__module__:
            raise FacadeError(f"two generated classes are named {tp.__name__}")
        return tp.__name__


def render(tp: Any, imp: Imports, *, accept: bool) -> list[str]:
    """The annotation of ``tp`` as top-level alternatives; ``accept``: as a parameter (wider inputs)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        out: list[str] = []
        for arg in members(tp):
            out.extend(alt for alt in render(arg, imp, accept=accept) if alt not in out)
        tail = [alt for alt in ("Mapping[str, Any]", "None") if alt in out]  # dicts, then None, last
        return [alt for alt in out if alt not in tail] + tail
    if tp is type(None):
        return ["None"]
    if tp is Any:
        imp.typing.add("Any")
        return ["Any"]
    if is_unset(tp):
        return []
    if origin in (list, dict):
        # inputs as the abstract types (a tuple is fine); results as builtins (a method may be named "list")
        args = typing.get_args(tp) or ((Any,) if origin is list else (str, Any))
        inner = " | ".join(render(args[-1], imp, accept=accept))
        key = f"{args[0].__name__}, " if origin is dict else ""
        if accept:
            name = "Sequence" if origin is list else "Mapping"
            imp.abc.add(name)
            return [f"{name}[{key}{inner}]"]
        imp.builtins = True
        return [f"builtins.{origin.__name__}[{key}{inner}]"]
    if origin is typing.Literal:
        imp.typing.add("Literal")
        return [f"Literal[{', '.join(repr(arg) for arg in typing.get_args(tp))}]"]
    if tp in (str, int, float, bool, bytes):
        return [tp.__name__]
    if tp in (dt.datetime, dt.date):
        imp.datetime = True
        return [f"datetime.{tp.__name__}"]
    if is_enum(tp):
        name = imp.model(tp)
        return [name, imp.value_alias(tp)] if accept else [name]
    if is_model(tp) or (isinstance(tp, type) and tp.__module__.startswith(PACKAGE)):
        name = imp.model(tp)
        if accept and is_model(tp):
            imp.typing.add("Any")
            imp.abc.add("Mapping")
            return [name, "Mapping[str, Any]"]
        return [name]
    raise FacadeError(f"no rendering for the type {tp!r}")


def annotation(tp: Any, imp: Imports, *, accept: bool) -> str:
    """The annotation of ``tp`` as one string (``None`` when nothing but ``Unset`` is left)."""
    return " | ".join(render(tp, imp, accept=accept)) or "None"


def result_annotation(op: Operation, imp: Imports, pager: str = "Paginator") -> str:
    """The return annotation of a method; ``pager``: the paginator class of a paging one."""
    if op.result == "none":
        return "None"
    if op.result == "any":
        imp.typing.add("Any")
        return "Any"
    if op.result == "page":
        _, item = op.result_type
        return f"{pager}[{annotation(item, imp, accept=False)}]"
    if op.result == "parse":
        return " | ".join(dict.fromkeys(alt for tp in op.result_type for alt in render(tp, imp, accept=False)))
    return annotation(op.result_type, imp, accept=False)


def body_annotation(op: Operation, imp: Imports, *, widened: bool = True) -> str:
    """What ``body=`` takes: the model or a dict (a list of them, a union of them), or the raw type."""
    return annotation(op.body_type, imp, accept=widened and op.body_kind in ("model", "models", "union", "nested"))


@dataclass(frozen=True)
class Shown:
    """One parameter of a method as written: ``name: annotation``, required or ``= None``."""

    name: str
    annotation: str  # without the `| None` an optional parameter adds
    required: bool
    positional: bool = False


# The two overloads of a method whose model body has required fields: mypy then knows a call
# needs either ``body=`` or every required field. FIELDS is the form users read (api.md, the
# MCP server's schemas): the fields the description requires are required keywords.
BODY, FIELDS = "body", "fields"


def overloaded(op: Operation) -> bool:
    """Whether the method has the ``body=`` and the fields overloads (a model body with a required field)."""
    return op.body_kind == "model" and any(f.required for f in op.fields) and not op.hidden_required


def parameters(op: Operation, imp: Imports, variant: str = "", *, widened: bool = True) -> list[Shown]:
    """The parameters but ``self`` and the per-call options; ``variant`` BODY or FIELDS: that overload's.

    ``widened``: the types a parameter accepts (``Literal`` values beside an enum, ``Mapping``
    beside a model, ``Sequence`` for a list), as the signature writes them; else the types
    as the models hold them, shorter to read (``api.md``).
    """

    def shown_type(tp: Any, accept: bool) -> str:
        return annotation(tp, imp, accept=accept and widened)

    shown = [Shown(p.name, shown_type(p.type, p.accept), True, positional=True) for p in op.path_params]
    body = body_annotation(op, imp, widened=widened) if op.body_kind else ""
    shown += [Shown(p.name, shown_type(p.type, p.accept), True) for p in op.query if p.required]
    if op.body_kind and op.body_required and op.body_kind != "model":
        shown.append(Shown("body", body, True))
    shown += [Shown(p.name, shown_type(p.type, p.accept), False) for p in op.query if not p.required]
    if variant == BODY:
        shown.append(Shown("body", body, True))
    elif variant != FIELDS and (op.body_kind == "model" or (op.body_kind and not op.body_required)):
        shown.append(Shown("body", body, False))
    shown += [Shown(f.name, shown_type(f.type, True), variant == FIELDS and f.required) for f in op.fields]
    if op.result == "page":
        shown.append(Shown(PAGING_EXTRA, "int", False))
    return shown


def documented(op: Operation, imp: Imports, *, widened: bool = True) -> list[Shown]:
    """Every parameter, required ones first: the fields the body requires are required (``body=`` aside).

    What a reader is told a method takes (``api.md``; the MCP server reads the same from the
    overloads): the implementation's parameters, with the required fields of the FIELDS
    overload marked required, since a call without ``body=`` must give them.
    """
    needed = {f.name for f in op.fields if f.required} if overloaded(op) else set()
    shown = [
        Shown(p.name, p.annotation, p.required or p.name in needed, p.positional)
        for p in parameters(op, imp, widened=widened)
    ]
    return sorted(shown, key=lambda p: not (p.positional or p.required))


def optional(shown: str) -> str:
    """``shown | None = None`` (once: a nullable field already ends with None)."""
    return f"{shown} = None" if shown.endswith("| None") or shown == "None" else f"{shown} | None = None"
