"""Where each operation lives in the facade: ``client.<noun>.<noun>....<verb>``, read off its URL.

The names are data (``specgen/facade_names.toml``) plus this rule, so that a reader can
predict a method's name from Pinterest's documentation of its URL, as openai-python and
githubkit users expect (``client.ad_accounts.campaigns.list(ad_account_id)``):

1. An operation named in the table's ``[operations]`` takes that ``"noun.noun.verb"``.
2. Otherwise the nouns are the URL's literal segments (``{...}`` parameters dropped), each
   renamed by ``[segments]`` (``business_access`` -> ``businesses``; ``""`` drops it).
3. A last segment listed in ``actions`` (``analytics``, ``save``, ``test``, ``run``, ...) is
   the method's name, not a noun: ``POST /pins/{pin_id}/save`` -> ``pins.save``.
4. Otherwise the HTTP method gives the verb: ``GET`` of one item (the URL ends with a
   parameter) ``get``, ``GET`` of a collection (a paged or list result, or a URL whose
   items have URLs of their own, ``/conversion_tags`` beside ``/conversion_tags/{id}``)
   ``list``, any other ``GET`` ``get``; ``POST`` ``create``; ``PATCH``/``PUT`` ``update``; ``DELETE`` ``delete``.
5. A nested namespace that would hold one method and nothing else is folded into its
   parent as ``<verb>_<noun>`` (``GET /boards/{board_id}/pins`` -> ``boards.list_pins``,
   ``GET /ad_accounts/{id}/terms_of_service`` -> ``ad_accounts.get_terms_of_service``), so
   a namespace always groups several methods. A top-level namespace with a single method
   is allowed only when ``nouns`` declares it a real noun of the API.

Two operations that end with the same name, a name that is a Python keyword or the name of
a namespace and a method at once fail the generation: a new release of the description
then forces a decision in the table, never a silent rename.
"""

from __future__ import annotations

import dataclasses
import keyword
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

NAMES_FILE = Path(__file__).with_name("facade_names.toml")
VERBS = {"GET": "get", "POST": "create", "PATCH": "update", "PUT": "update", "DELETE": "delete"}
CRUD = frozenset({"list", "get", "create", "update", "delete"})


class NamingError(Exception):
    """The rule and the table do not give every operation one distinct, valid name."""


@dataclass(frozen=True)
class Endpoint:
    """What the rule reads of an operation: its operationId as published, HTTP method, path, result."""

    op_id: str
    http: str  # upper case
    path: str
    collection: bool = False  # the result is a page or a list of items


@dataclass
class Names:
    """The naming table (``facade_names.toml``)."""

    operations: dict[str, str] = field(default_factory=dict)
    segments: dict[str, str] = field(default_factory=dict)
    actions: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    reserved: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: Path = NAMES_FILE) -> Names:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return cls(
            operations=dict(data.get("operations", {})),
            segments=dict(data.get("segments", {})),
            actions=frozenset(data.get("actions", ())),
            nouns=frozenset(data.get("nouns", ())),
            reserved=frozenset(data.get("reserved", ())),
        )


def derive(endpoint: Endpoint, names: Names) -> tuple[tuple[str, ...], str, bool]:
    """``(namespace, method, declared)`` by rules 1-4; ``declared``: named by the table (never folded)."""
    if endpoint.op_id in names.operations:
        *namespace, method = names.operations[endpoint.op_id].split(".")
        return tuple(namespace), method, True
    segments = [part for part in endpoint.path.strip("/").split("/") if part]
    ends_with_parameter = segments[-1].startswith("{")
    nouns = [names.segments.get(part, part) for part in segments if not part.startswith("{")]
    nouns = [noun for noun in nouns if noun]
    if not ends_with_parameter and len(nouns) > 1 and nouns[-1] in names.actions:
        method = nouns.pop()
    elif endpoint.http == "GET":
        method = "list" if endpoint.collection and not ends_with_parameter else "get"
    else:
        method = VERBS[endpoint.http]
    return tuple(nouns), method, False


def name_all(endpoints: list[Endpoint], names: Names | None = None) -> dict[str, tuple[tuple[str, ...], str]]:
    """operationId -> ``(namespace, method)`` for every endpoint, by the whole rule (1-5)."""
    names = names or Names.load()
    unknown = set(names.operations) - {endpoint.op_id for endpoint in endpoints}
    if unknown:
        raise NamingError(f"facade_names.toml names operations the description lacks: {sorted(unknown)}")
    placed: dict[str, tuple[tuple[str, ...], str]] = {}
    declared: set[str] = set()
    paths = {endpoint.path for endpoint in endpoints}
    for endpoint in endpoints:
        if any(other.startswith(endpoint.path.rstrip("/") + "/{") for other in paths):
            endpoint = dataclasses.replace(endpoint, collection=True)
        namespace, method, by_table = derive(endpoint, names)
        if not namespace:
            raise NamingError(f"operation {endpoint.op_id!r} has no namespace: name it in facade_names.toml")
        placed[endpoint.op_id] = (namespace, method)
        if by_table:
            declared.add(endpoint.op_id)
    fold(placed, declared)
    check(placed, names)
    return placed


def fold(placed: dict[str, tuple[tuple[str, ...], str]], declared: set[str]) -> None:
    """Rule 5: a nested namespace holding one method and no namespace goes into its parent, deepest first."""
    changed = True
    while changed:
        changed = False
        counts: dict[tuple[str, ...], int] = {}
        parents: set[tuple[str, ...]] = set()
        for namespace, _ in placed.values():
            counts[namespace] = counts.get(namespace, 0) + 1
            parents.update(namespace[:depth] for depth in range(1, len(namespace)))
        for op_id, (namespace, method) in sorted(placed.items(), key=lambda item: (-len(item[1][0]), item[0])):
            if op_id in declared or len(namespace) < 2 or counts[namespace] != 1 or namespace in parents:
                continue
            noun = namespace[-1]
            placed[op_id] = (namespace[:-1], f"{method}_{noun}" if method in CRUD else f"{noun}_{method}")
            changed = True
            break


def check(placed: dict[str, tuple[tuple[str, ...], str]], names: Names) -> None:
    """Every name a valid identifier, unique, not both a namespace and a method; single-method tops are nouns."""
    seen: dict[tuple[str, ...], str] = {}
    namespaces = {namespace[:depth] for namespace, _ in placed.values() for depth in range(1, len(namespace) + 1)}
    for op_id, (namespace, method) in placed.items():
        for name in (*namespace, method):
            if not name.isidentifier() or keyword.iskeyword(name) or name.startswith("_"):
                raise NamingError(f"operation {op_id!r} gives the name {name!r}: name it in facade_names.toml")
        if namespace[0] in names.reserved:
            raise NamingError(f"operation {op_id!r}: {namespace[0]!r} is a name of the client itself")
        key = (*namespace, method)
        if key in seen:
            raise NamingError(f"{op_id} and {seen[key]} both become {'.'.join(key)}: name one in facade_names.toml")
        if key in namespaces:
            raise NamingError(f"{op_id}: {'.'.join(key)} is a namespace too: name it in facade_names.toml")
        seen[key] = op_id
    single = single_method_tops(placed)
    if single - names.nouns:
        raise NamingError(f"top-level namespaces with one method, not declared nouns: {sorted(single - names.nouns)}")


def single_method_tops(placed: dict[str, tuple[tuple[str, ...], str]]) -> set[str]:
    """The top-level namespaces holding exactly one method (nested ones included)."""
    counts: dict[str, int] = {}
    for namespace, _ in placed.values():
        counts[namespace[0]] = counts.get(namespace[0], 0) + 1
    return {top for top, count in counts.items() if count == 1}
