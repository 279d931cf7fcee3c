"""The v5 description everything is built from: Pinterest's published one plus the project's supplement.

Pinterest's public description ends at release 5.23.0 (231 operations); the API has 35
operations more (release 5.28.0). ``specs/v5/supplement/openapi.yaml`` describes those 35 in
the project's own words. :func:`merged_v5_description` is the one place that joins the two:
the generator, the emulator's schema table, the facade, ``api.md`` and the tests all read
its result, so they all cover the same 266 operations.

The merge only adds: a supplement operation whose method and path (or operationId) the
published description already has, a schema of the same name with other content, or a
scope the published OAuth scheme lacks is refused with one line naming it. A later
published description that contains an operation therefore fails the merge until the
supplement drops it, and never silently shadows Pinterest's own text.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import tomllib
import urllib.request
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
PROVENANCE = ROOT / "specs" / "v5" / "provenance.toml"
SUPPLEMENT = ROOT / "specs" / "v5" / "supplement" / "openapi.yaml"
HTTP_METHODS = ("get", "put", "post", "delete", "patch")


class GenerateError(Exception):
    """A problem the person running the generator can fix; printed as one line."""


def load_v5_spec(path: str | None) -> bytes:
    """Read the published v5 description from ``path``, the environment or the pinned URL; verify its sha256."""
    provenance = tomllib.loads(PROVENANCE.read_text())
    path = path or os.environ.get("PINTEREST_V5_SPEC")
    if path:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise GenerateError(
                f"cannot read the v5 description {path!r} ({exc.strerror}); pass --spec PATH to "
                "pinterest-api-v5.23.0.json or set PINTEREST_V5_SPEC"
            ) from None
    else:
        try:
            with urllib.request.urlopen(provenance["url"], timeout=30) as response:
                data = response.read()
        except OSError as exc:
            raise GenerateError(
                f"no v5 description given and downloading it failed ({exc}); pass --spec PATH "
                "(e.g. ../shared/specs/pinterest-api-v5.23.0.json) or set PINTEREST_V5_SPEC"
            ) from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != provenance["sha256"]:
        raise GenerateError(
            f"the v5 description has sha256 {digest}, expected {provenance['sha256']} "
            f"({provenance['tag']}); pass the file named in specs/v5/provenance.toml"
        )
    return data


def load_supplement(path: Path = SUPPLEMENT) -> dict[str, Any]:
    """The supplement as plain JSON data (YAML anchors expanded, so the merged document has no aliases)."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    plain: dict[str, Any] = json.loads(json.dumps(data))
    return plain


def supplement_operations(supplement: dict[str, Any]) -> list[tuple[str, str, str]]:
    """``(METHOD, path, operationId)`` of every operation the supplement describes."""
    return [
        (method.upper(), path, item[method]["operationId"])
        for path, item in supplement["paths"].items()
        for method in HTTP_METHODS
        if method in item
    ]


def merge_supplement(published: dict[str, Any], supplement: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``published`` with the supplement's operations and schemas added; GenerateError on any overlap."""
    merged = copy.deepcopy(published)
    paths: dict[str, Any] = merged["paths"]
    published_ids = {
        item[method]["operationId"] for item in paths.values() for method in HTTP_METHODS if method in item
    }
    flows = merged["components"]["securitySchemes"]["pinterest_oauth2"]["flows"]
    known_scopes = {scope for flow in flows.values() for scope in flow.get("scopes", {})}
    for method, path, op_id in supplement_operations(supplement):
        operation = supplement["paths"][path][method.lower()]
        if method.lower() in paths.get(path, {}):
            raise GenerateError(
                f"the supplement's {method} {path} is in the published description too: "
                "drop it from specs/v5/supplement/openapi.yaml"
            )
        if op_id in published_ids:
            raise GenerateError(f"the supplement's operationId {op_id!r} is published already: rename or drop it")
        for requirement in operation.get("security", ()):
            unknown = set(requirement.get("pinterest_oauth2", ())) - known_scopes
            if unknown:
                raise GenerateError(f"the supplement's {method} {path} needs unknown scopes {sorted(unknown)}")
        paths.setdefault(path, {})[method.lower()] = copy.deepcopy(operation)
    schemas: dict[str, Any] = merged["components"]["schemas"]
    for name, schema in supplement["components"]["schemas"].items():
        if name in schemas and schemas[name] != schema:
            raise GenerateError(
                f"the supplement's schema {name!r} differs from the published one of that name: rename it"
            )
        schemas[name] = copy.deepcopy(schema)
    return merged


def merged_v5_description(path: str | None = None) -> dict[str, Any]:
    """Pinterest's published description (verified, see :func:`load_v5_spec`) with the supplement merged in."""
    published: dict[str, Any] = json.loads(load_v5_spec(path))
    return merge_supplement(published, load_supplement())
