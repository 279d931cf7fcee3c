"""Every v5 operation sorted into a resource family and a kind, by method and path shape.

A *family* is a collection path of the description, e.g.
``/ad_accounts/{ad_account_id}/audiences``: a path that is created on (POST) and read
back, by a GET on it or on an item path under it (``.../audiences/{audience_id}``). Its objects live in
``State.resources`` under that path; the collection's own path parameters
(``ad_account_id``) are the object's *parents*.

Kinds, from the method and whether the path is the collection or an item of it:

========================  ==================================================
POST collection           ``create`` (one object, a list, or a list field)
POST item                 ``create`` keyed by the item's parameter (following a
                          user: ``POST /user_account/following/{username}``)
GET collection            ``list`` (a page of ``items``), or ``job_get`` when a
                          required ``token`` query parameter names an object
PATCH collection          ``bulk_update`` (objects named by ``id`` in the body)
DELETE collection         ``bulk_delete`` (ids, or field values, in the query)
GET / PATCH / DELETE item ``get`` / ``update`` / ``delete``
anything else             ``read`` (an answer derived from the question) or
                          ``action`` (a POST/PUT/PATCH/DELETE that changes
                          nothing stored), e.g. all of a family nothing can be
                          created in (order lines, business members)
========================  ==================================================

Async jobs (bulk requests, exports, reports) are families whose objects are read back
with a status that moves from in progress to finished (see ``engine``). Some
paths create in or delete from another path's family; ``ALIASES`` says which.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pinterest_tools.emulator.described.schema_table import OperationShape, table

PARAM = re.compile(r"^\{(\w+)\}$")
# Creation paths whose objects are read back under another collection's item path.
ALIASES = {
    "/ad_accounts/{ad_account_id}/bulk/download": "/ad_accounts/{ad_account_id}/bulk",
    "/ad_accounts/{ad_account_id}/bulk/upsert": "/ad_accounts/{ad_account_id}/bulk",
    "/ad_accounts/{ad_account_id}/templates/{template_id}/reports": "/ad_accounts/{ad_account_id}/reports",
    "/catalogs/product_groups/multiple": "/catalogs/product_groups",
    # local inventory batches are read back as supplemental item batches
    "/catalogs/{catalog_id}/local_inventory_items/batch": "/catalogs/{catalog_id}/supplemental_items/batch",
}
# Families the emulator keeps objects of that the description has no read for: conversion
# events (``v5.conversion_events``), kept so that the state and the data file show what was sent.
CONVERSION_EVENTS = "/ad_accounts/{ad_account_id}/events"
KEPT_ONLY = frozenset({CONVERSION_EVENTS})


@dataclass(frozen=True, slots=True)
class Plan:
    """How the engine serves one operation."""

    operation_id: str
    kind: str
    family: str | None  # the collection path; None for reads and actions outside any family
    id_param: str | None  # the item path's parameter (get, update, delete)

    @property
    def parent_params(self) -> tuple[str, ...]:
        """The family's own path parameters: what its objects belong to."""
        return tuple(re.findall(r"\{(\w+)\}", self.family or ""))


def _split(path: str) -> tuple[str, str | None]:
    """(collection, id parameter) of an item path; (path, None) otherwise."""
    head, _, last = path.rpartition("/")
    match = PARAM.match(last)
    return (head, match.group(1)) if match else (path, None)


@functools.cache
def collections() -> frozenset[str]:
    """Families that objects can be created in: a collection with a POST and a way to read back."""
    shapes = table().operations.values()
    readable = {_split(s.path)[0] for s in shapes if _split(s.path)[1]}
    readable |= {s.path for s in shapes if s.method == "GET"} | set(ALIASES.values())
    posted = {ALIASES.get(s.path, s.path) for s in shapes if s.method == "POST" and not _split(s.path)[1]}
    listed = {s.path for s in shapes if s.method == "GET"}
    posted |= {_split(s.path)[0] for s in shapes if s.method == "POST" and _split(s.path)[0] in listed}
    return frozenset(posted & readable)


def classify(shape: OperationShape) -> Plan:
    collection, id_param = _split(shape.path)
    families = collections()
    method = shape.method
    if id_param and collection in families and method == "POST":  # follow a user: its name is the key
        return Plan(shape.operation_id, "create", collection, id_param)
    if id_param and collection in families and method in ("GET", "PATCH", "DELETE"):
        kind = {"GET": "get", "PATCH": "update", "DELETE": "delete"}[method]
        return Plan(shape.operation_id, kind, collection, id_param)
    path = ALIASES.get(shape.path, shape.path)
    if path in families and not id_param:
        if method == "POST":
            return Plan(shape.operation_id, "create", path, None)
        if method == "GET":
            if any(p.name == "token" and p.required for p in shape.query_parameters()):
                return Plan(shape.operation_id, "job_get", path, "token")
            return Plan(shape.operation_id, "list", path, None)
        if method == "PATCH":
            return Plan(shape.operation_id, "bulk_update", path, None)
        if method == "DELETE":
            return Plan(shape.operation_id, "bulk_delete", path, None)
    return Plan(shape.operation_id, "read" if method == "GET" else "action", None, None)


@functools.cache
def plans() -> dict[str, Plan]:
    return {operation_id: classify(shape) for operation_id, shape in table().operations.items()}
