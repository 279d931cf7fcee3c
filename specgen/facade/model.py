"""What the facade is: its operations, their parameters and bodies, and the namespaces they live in.

Read from the description *as published* (its operationIds name the methods), the normalized
description (request-body property names, which fields are required) and the freshly
generated ``pinterest_api_v5`` package, which is imported and introspected (signatures of
``_get_kwargs`` and ``_parse_response``, the models' constructors and annotations). Nothing
about the models is assumed beyond ``from_dict``/``to_dict`` and ``__init__``, so a change of
the model templates is picked up by regenerating.

This module holds facts only; :mod:`specgen.facade.render` turns them into text and
:mod:`specgen.facade.write` into files, so that a change of how the facade *looks* never
touches how it is *read* from the description, and the tests can ask the model directly.

Naming: nested namespaces read off the URL's nouns and a verb (``GET
/ad_accounts/{ad_account_id}/campaigns`` -> ``client.ad_accounts.campaigns.list``), by the
rule of :mod:`specgen.facade_naming` and the table ``specgen/facade_names.toml``.

Placement: a namespace is one module, ``resources/<top>/<nested>.py``; a namespace with
namespaces under it is a package (its own classes in its ``__init__.py``), as openai-python
nests ``resources/beta/threads/runs/steps.py``. So no module holds more than one
namespace's methods, and ``client.ad_accounts`` imports none of its 30-odd nested
namespaces until one is used.

Per method: path parameters positional; query parameters and the body's top-level fields
keyword-only (``None`` = not given); ``body=`` takes the whole body (the model, a dict or a
TypedDict); enum parameters take the member or its string (``Literal``); a required field
whose enum has one value defaults to it; a field the body requires is a required keyword
unless ``body=`` is given. The result is the success model, ``None`` when every 2xx of the
operation is bodiless, a :class:`~pinterest_tools.paging.Paginator` of the items when the
operation pages with ``bookmark``.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import keyword
import pkgutil
import re
import sys
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from specgen.facade_naming import Endpoint, NamingError, name_all

PACKAGE = "pinterest_api_v5"
RESOURCES_PACKAGE = "pinterest_tools.rest.resources"
HTTP_METHODS = ("get", "put", "post", "delete", "patch")

PAGING_EXTRA = "max_pages"
# keyword-only on every method, as in openai-python (pinterest_tools.rest.call_options)
CALL_OPTION_NAMES = ("timeout", "max_retries", "extra_headers", "extra_query")


class FacadeError(Exception):
    """The description or the generated package has a shape this generator does not know."""


# ---------------------------------------------------------------- naming


def normalized_id(operation_id: str) -> str:
    """The id ``specgen.normalize`` gives the generator (and so the endpoint module's name)."""
    return re.sub("[^0-9a-zA-Z]+", "_", operation_id).strip("_").lower()


def squash(name: str) -> str:
    """A property name with case and separators dropped: matches a JSON key to its Python field."""
    return re.sub("[^a-z0-9]", "", name.lower())


def pascal(name: str) -> str:
    """``ad_accounts`` -> ``AdAccounts``: the stem of a resource class's name."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


# ---------------------------------------------------------------- types of the generated package


def is_unset(tp: Any) -> bool:
    """The generated package's ``Unset``: "not given", which the facade spells ``None``."""
    return isinstance(tp, type) and tp.__name__ == "Unset" and tp.__module__.startswith(PACKAGE)


def is_model(tp: Any) -> bool:
    """A class of the generated package that parses JSON (``from_dict``): a model or an enum."""
    return isinstance(tp, type) and tp.__module__.startswith(PACKAGE) and hasattr(tp, "from_dict")


def is_enum(tp: Any) -> bool:
    """An enum class (the generated package makes one per enum schema)."""
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def members(tp: Any) -> list[Any]:
    """The alternatives of a union (one element for anything else), ``Unset`` dropped."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return [arg for arg in typing.get_args(tp) if not is_unset(arg)]
    return [] if is_unset(tp) else [tp]


def strip_none(tp_members: list[Any]) -> list[Any]:
    """The alternatives but ``None`` (the facade adds ``| None`` itself where a value is optional)."""
    return [tp for tp in tp_members if tp is not type(None)]


# ---------------------------------------------------------------- operations


@dataclass
class Param:
    """A path or query parameter of a method."""

    name: str
    type: Any  # shown as this type (without None)
    accept: bool  # ... widened as an input (Literal for enums, Sequence for lists)
    convert: str  # expression over {v} (the value) and {k} (the runtime classes)
    required: bool
    runtime: list[type] = field(default_factory=list)  # classes the conversion needs at run time


@dataclass
class BodyField:
    """A top-level field of a model body, taken as a keyword of its own."""

    key: str  # JSON key
    name: str  # keyword
    type: Any
    required: bool = False  # required by the model (and not a one-value field with its default)


@dataclass
class Operation:
    """One operation of the description as one facade method: where it lives, what it takes and returns."""

    op_id: str
    resource: str
    method: str
    module: str
    http: str
    path: str
    summary: str
    path_params: list[Param]
    query: list[Param]
    body_kind: str | None = None  # "model", "models", "union" (of models), "nested", "whole"
    body_members: list[type] = field(default_factory=list)  # "union"/"nested": the models a dict may be
    body_items: list[type] = field(default_factory=list)  # "nested": the models a list's items may be
    hidden_required: bool = False  # a required body field has no keyword (its name is taken)
    body_type: Any = None
    body_required: bool = False
    fields: list[BodyField] = field(default_factory=list)
    defaults: dict[str, Any] = field(default_factory=dict)
    result: str = "none"  # "none", "model", "models", "page", "any", "parse"
    result_type: Any = None
    items_exact: bool = True
    errors: list[type] = field(default_factory=list)
    app_credentials: bool = False  # the description's `basic` security: sent with the app's id and secret
    namespace: tuple[str, ...] = ()  # where the method lives: ("ad_accounts", "campaigns")


def param_for(name: str, tp: Any, required: bool) -> Param:
    """A path or query parameter: its type and the conversion to the generated function's value."""
    alternatives = strip_none(members(tp))
    if alternatives and all(is_model(alt) and not is_enum(alt) for alt in alternatives):
        # an object-valued parameter: the model, or a dict or TypedDict read as it (query_model)
        convert = "query_model(({k},), {v}, {w!r}, {n!r})"
        convert = convert if required else f"UNSET if {{v}} is None else {convert}"
        return Param(name, typing.Union[tuple(alternatives)], True, convert, required, list(alternatives))  # noqa: UP007
    if len(alternatives) != 1:
        # a union of other kinds, serialized by the generated function: passed as it is
        return Param(name, typing.Union[tuple(alternatives)], False, "{v}" if required else "opt({v})", required)  # noqa: UP007
    base = alternatives[0]
    if is_enum(base):
        return Param(name, base, True, "enum_of({k}, {v})" if required else "opt_enum({k}, {v})", required, [base])
    if typing.get_origin(base) is list:
        (arg,) = typing.get_args(base)
        kinds = members(arg)
        if all(is_enum(kind) for kind in kinds):
            convert = "enums(({k},), {v})" if required else "opt_enums(({k},), {v})"
            return Param(name, base, True, convert, required, kinds)
        return Param(name, base, True, "as_list({v})" if required else "opt_list({v})", required)
    return Param(name, base, True, "{v}" if required else "opt({v})", required)


def body_properties(spec: dict[str, Any], operation: dict[str, Any]) -> dict[str, str]:
    """squashed name -> JSON key of the top-level properties of the operation's JSON body."""
    body = operation.get("requestBody") or {}
    body = resolve(spec, body)
    content: dict[str, Any] = body.get("content") or {}
    first: dict[str, Any] = next(iter(content.values()), {})
    schema = first.get("schema", {})
    keys: dict[str, str] = {}

    def visit(node: dict[str, Any]) -> None:
        node = resolve(spec, node)
        for key in node.get("properties") or {}:
            keys.setdefault(squash(key), key)
        for part in node.get("allOf") or ():
            visit(part)

    visit(schema)
    return keys


def resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """``node`` with its ``$ref`` followed (at most 50 hops: a cycle is the description's fault, not a hang)."""
    seen = 0
    while "$ref" in node and seen < 50:
        target: Any = spec
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node, seen = target, seen + 1
    return node


def success_codes(spec: dict[str, Any], operation: dict[str, Any]) -> tuple[list[str], bool, set[str]]:
    """The 2xx codes, whether any of them has a body, and the squashed names of the error schemas."""
    codes: list[str] = []
    with_body = False
    errors: set[str] = set()
    for code, response in (operation.get("responses") or {}).items():
        response = resolve(spec, response)
        content = response.get("content") or {}
        if str(code).startswith("2"):
            codes.append(str(code))
            with_body = with_body or any(media.get("schema") for media in content.values())
            continue
        for media in content.values():
            schema = media.get("schema") or {}
            refs = [schema, *(schema.get("anyOf") or ()), *(schema.get("oneOf") or ())]
            errors.update(squash(ref["$ref"].rsplit("/", 1)[-1]) for ref in refs if "$ref" in ref)
    return codes, with_body, errors


def model_fields(cls: type, namespace: dict[str, Any]) -> Iterator[tuple[str, Any, bool]]:
    """``(name, type, required)`` of a generated model's constructor fields (its ``__init__``'s parameters)."""
    lazy = getattr(sys.modules[cls.__module__], "_import_lazy_models", None)
    if lazy is not None:
        lazy()
    init = vars(cls)["__init__"]  # the template writes one in every model
    hints = typing.get_type_hints(init, globalns=vars(sys.modules[cls.__module__]), localns=namespace)
    for parameter in list(inspect.signature(init).parameters.values())[1:]:
        yield parameter.name, hints[parameter.name], parameter.default is inspect.Parameter.empty


def describe(spec_raw: dict[str, Any], spec: dict[str, Any], namespace: dict[str, Any]) -> list[Operation]:
    """Every operation of the description, resolved against the generated package."""
    modules = endpoint_modules()
    operations: list[Operation] = []
    normalized_ops = {
        op["operationId"]: op
        for item in spec["paths"].values()
        for method, op in item.items()
        if method in HTTP_METHODS and isinstance(op, dict)
    }
    for path, item in spec_raw["paths"].items():
        for http in HTTP_METHODS:
            if http not in item:
                continue
            raw = item[http]
            op_id = raw["operationId"]
            norm = normalized_id(op_id)
            if norm not in modules or norm not in normalized_ops:
                raise FacadeError(f"operation {op_id}: no generated module {norm}")
            summary = " ".join(str(raw.get("summary") or op_id).split())
            operations.append(build(op_id, "", "", modules[norm], http, path, summary, spec, namespace))
    endpoints = [Endpoint(op.op_id, op.http, op.path, op.result in ("page", "models")) for op in operations]
    try:
        names = name_all(endpoints)
    except NamingError as exc:
        raise FacadeError(str(exc)) from None
    for op in operations:
        op.namespace, op.method = names[op.op_id]
        op.resource = ".".join(op.namespace)
    return operations


def endpoint_modules() -> dict[str, str]:
    """Normalized operationId -> the generated endpoint module that sends it."""
    api = importlib.import_module(f"{PACKAGE}.api")
    found = {}
    for tag in pkgutil.iter_modules(api.__path__):
        package = importlib.import_module(f"{PACKAGE}.api.{tag.name}")
        for module in pkgutil.iter_modules(package.__path__):
            found[module.name] = f"{package.__name__}.{module.name}"
    return found


def build(
    op_id: str,
    resource: str,
    method: str,
    module_name: str,
    http: str,
    path: str,
    summary: str,
    spec: dict[str, Any],
    namespace: dict[str, Any],
) -> Operation:
    """One operation as a facade method, read off its generated endpoint module and the description."""
    module = importlib.import_module(module_name)
    signature = inspect.signature(module._get_kwargs)
    hints = typing.get_type_hints(module._get_kwargs)
    op = Operation(op_id, resource, method, module_name, http.upper(), path, summary, [], [])
    for name, parameter in signature.parameters.items():
        required = parameter.default is inspect.Parameter.empty
        if name == "body":
            continue
        if parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD:
            op.path_params.append(param_for(name, hints[name], True))
        else:
            op.query.append(param_for(name, hints[name], required))
    taken = {p.name for p in op.path_params + op.query} | {"self", "body", PAGING_EXTRA}
    taken |= set(CALL_OPTION_NAMES)
    normalized = next(
        o
        for item in spec["paths"].values()
        for m, o in item.items()
        if m in HTTP_METHODS and isinstance(o, dict) and o["operationId"] == normalized_id(op_id)
    )
    # oauth/token and token/revoke: the app's credentials (HTTP Basic), never the user's token
    op.app_credentials = [scheme for requirement in normalized.get("security") or () for scheme in requirement] == [
        "basic"
    ]
    if "body" in signature.parameters:
        body_type = hints["body"]
        op.body_required = signature.parameters["body"].default is inspect.Parameter.empty
        alternatives = strip_none(members(body_type))
        keys = body_properties(spec, normalized)
        if len(alternatives) == 1 and is_model(alternatives[0]) and not is_enum(alternatives[0]):
            op.body_kind, op.body_type = "model", alternatives[0]
            for name, tp, required in model_fields(alternatives[0], namespace):
                key = keys.get(squash(name), name)
                bare = strip_none(members(tp))
                if required and len(bare) == 1 and is_enum(bare[0]) and len(bare[0]) == 1:
                    op.defaults[key] = next(iter(bare[0])).value
                    required = False
                if name in taken or keyword.iskeyword(name):
                    op.hidden_required = op.hidden_required or required
                    continue
                op.fields.append(BodyField(key, name, tp, required))
        elif len(alternatives) == 1 and typing.get_origin(alternatives[0]) is list and is_model_only(alternatives[0]):
            op.body_kind, op.body_type = "models", alternatives[0]
        elif alternatives and all(is_model(alt) and not is_enum(alt) for alt in alternatives):
            op.body_kind, op.body_type = "union", typing.Union[tuple(alternatives)]  # noqa: UP007
            op.body_members = alternatives
        elif (nested := nested_body(alternatives)) is not None:
            op.body_kind, op.body_type = "nested", typing.Union[tuple(alternatives)]  # noqa: UP007
            op.body_members, op.body_items = nested
        else:
            op.body_kind, op.body_type = "whole", body_type
    codes, with_body, error_names = success_codes(spec, normalized)
    returned = typing.get_type_hints(module._parse_response)["return"]
    # None is what the generated parser returns for an undocumented status, never a success: dropped
    success = [
        tp for tp in strip_none(members(returned)) if not (isinstance(tp, type) and squash(tp.__name__) in error_names)
    ]
    op.errors = [tp for tp in members(returned) if isinstance(tp, type) and squash(tp.__name__) in error_names]
    if not with_body or not success or all(code == "204" for code in codes):
        op.result = "none"
    elif len(success) == 1 and success[0] is Any:
        op.result = "any"
    elif len(success) == 1 and is_model(success[0]) and not is_enum(success[0]):
        op.result, op.result_type = "model", success[0]
        page = paging_items(success[0], namespace) if any(p.name == "bookmark" for p in op.query) else None
        if page is not None:
            op.result, (item_type, op.items_exact) = "page", page
            op.result_type = (success[0], item_type)
    elif (
        len(success) == 1
        and typing.get_origin(success[0]) is list
        and is_model(typing.get_args(success[0])[0])
        and not is_enum(typing.get_args(success[0])[0])
    ):
        op.result, op.result_type = "models", success[0]
    else:
        op.result, op.result_type = "parse", success
    return op


def is_model_only(list_type: Any) -> bool:
    """``list[X]`` whose item is one model (not an enum)."""
    (item,) = typing.get_args(list_type)
    return is_model(item) and not is_enum(item)


def model_members(tp: Any) -> list[type] | None:
    """The models of ``tp`` when it is a model or a union of models, else None."""
    alternatives = strip_none(members(tp))
    if alternatives and all(is_model(alt) and not is_enum(alt) for alt in alternatives):
        return alternatives
    return None


def nested_body(alternatives: list[Any]) -> tuple[list[type], list[type]] | None:
    """(models, item models) of a body that is models or lists of models in any mix, else None.

    Such a body (``notification/post``'s object or array of objects, the array of a union of
    product group requests of ``catalogs_product_groups/create_many``) is converted by
    ``body_nested``, so that a dict, or a list of dicts, is accepted as for every other body.
    """
    models: list[type] = []
    items: list[type] = []
    for alt in alternatives:
        if typing.get_origin(alt) is list and (inner := model_members(typing.get_args(alt)[0])) is not None:
            items += inner
        elif (found := model_members(alt)) is not None:
            models += found
        else:
            return None
    return models, items


def paging_items(cls: type, namespace: dict[str, Any]) -> tuple[Any, bool] | None:
    """``(item type, items always a list)`` when ``cls`` is a page (``items`` list and ``bookmark``)."""
    fields = {name: (tp, required) for name, tp, required in model_fields(cls, namespace)}
    if "items" not in fields or "bookmark" not in fields:
        return None
    tp, _ = fields["items"]
    lists = [m for m in members(tp) if typing.get_origin(m) is list]
    if len(lists) != 1:
        return None
    exact = members(tp) == lists
    return typing.get_args(lists[0])[0], exact


def all_models() -> dict[str, Any]:
    """Every class of the generated models, by name (to resolve the models' lazy annotations)."""
    models = importlib.import_module(f"{PACKAGE}.models")
    namespace: dict[str, Any] = {}
    for info in pkgutil.iter_modules(models.__path__):
        module = importlib.import_module(f"{models.__name__}.{info.name}")
        namespace.update({k: v for k, v in vars(module).items() if isinstance(v, type)})
    return namespace


# ---------------------------------------------------------------- namespaces and where they live

Tree = dict[tuple[str, ...], list[Operation]]


def namespace_tree(ops: list[Operation]) -> Tree:
    """Every namespace (those holding only namespaces included) -> its methods, sorted by name."""
    tree: Tree = {}
    for op in ops:
        for depth in range(1, len(op.namespace) + 1):
            tree.setdefault(op.namespace[:depth], [])
        tree[op.namespace].append(op)
    for methods in tree.values():
        methods.sort(key=lambda op: op.method)
    return dict(sorted(tree.items()))


def children(namespace: tuple[str, ...], tree: Tree) -> list[tuple[str, ...]]:
    """The namespaces directly under ``namespace``, by name."""
    return [ns for ns in tree if len(ns) == len(namespace) + 1 and ns[:-1] == namespace]


def operations_below(namespace: tuple[str, ...], tree: Tree) -> int:
    """How many methods ``namespace`` and the namespaces under it hold."""
    return sum(len(ops) for ns, ops in tree.items() if ns[: len(namespace)] == namespace)


def class_name(namespace: tuple[str, ...]) -> str:
    """The sync class of a namespace: ``("ad_accounts", "campaigns")`` -> ``AdAccountsCampaignsResource``."""
    return f"{pascal('_'.join(namespace))}Resource"


def module_name(namespace: tuple[str, ...]) -> str:
    """The module holding a namespace's classes: ``pinterest_tools.rest.resources.ad_accounts.campaigns``."""
    return ".".join((RESOURCES_PACKAGE, *namespace))


def file_name(namespace: tuple[str, ...], tree: Tree) -> str:
    """Its file under ``resources/``: a package's ``__init__.py`` when namespaces nest under it."""
    stem = "/".join(namespace)
    return f"{stem}/__init__.py" if children(namespace, tree) else f"{stem}.py"
