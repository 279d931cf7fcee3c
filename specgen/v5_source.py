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
OVERLAY = ROOT / "specs" / "v5" / "overlay" / "api-5.28.0.json"  # the schemas' changes and the facts not applied
# The operations' changes (ids, scopes, categories, sandbox flags, parameters) and their answers'
# status codes, applied first, each a document of its own to review.
OVERLAY_PARTS = (OVERLAY.with_name("api-5.28.0-operations.json"), OVERLAY.with_name("api-5.28.0-responses.json"))
HTTP_METHODS = ("get", "put", "post", "delete", "patch")
BASE_RELEASE = "5.23.0"  # the published release the supplement and the overlay are written against


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
    if digest != provenance["sha256"] and published_version(data) == provenance["tag"].lstrip("v"):
        # Another file claiming the pinned release is a corrupt or altered copy; a file of
        # another release is Pinterest's newer description, which the merge makes way for.
        raise GenerateError(
            f"the v5 description has sha256 {digest}, expected {provenance['sha256']} "
            f"({provenance['tag']}); pass the file named in specs/v5/provenance.toml"
        )
    return data


def published_version(data: bytes) -> str:
    """``info.version`` of a description given as bytes (empty when it cannot be read)."""
    try:
        version = json.loads(data).get("info", {}).get("version", "")
    except (ValueError, AttributeError):
        return ""
    return str(version)


def version_key(version: str) -> tuple[int, ...]:
    """``"5.28.0"`` -> ``(5, 28, 0)``; parts that are not numbers count as 0."""
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("-")[0].split("."))


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


def merge_supplement(
    published: dict[str, Any], supplement: dict[str, Any], notes: list[str] | None = None
) -> dict[str, Any]:
    """A copy of ``published`` with the supplement's operations and schemas added.

    Against the release the supplement was written for (5.23.0), an overlap is the
    supplement's own mistake: GenerateError names it. Against a newer published release,
    Pinterest's text wins: a supplement operation it has (by method and path, or by
    operationId) and a schema of a name it has are dropped, and one line in ``notes`` says
    which.
    """
    merged = copy.deepcopy(published)
    newer = version_key(str(published.get("info", {}).get("version", ""))) > version_key(BASE_RELEASE)
    paths: dict[str, Any] = merged["paths"]
    published_ids = {
        item[method]["operationId"] for item in paths.values() for method in HTTP_METHODS if method in item
    }
    flows = merged["components"]["securitySchemes"]["pinterest_oauth2"]["flows"]
    known_scopes = {scope for flow in flows.values() for scope in flow.get("scopes", {})}
    dropped: list[str] = []
    for method, path, op_id in supplement_operations(supplement):
        operation = supplement["paths"][path][method.lower()]
        overlap = method.lower() in paths.get(path, {}) or op_id in published_ids
        if overlap and newer:
            dropped.append(op_id)
            continue
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
    dropped_schemas: list[str] = []
    for name, schema in supplement["components"]["schemas"].items():
        if name in schemas and schemas[name] != schema:
            if newer:
                dropped_schemas.append(name)
                continue
            raise GenerateError(
                f"the supplement's schema {name!r} differs from the published one of that name: rename it"
            )
        schemas[name] = copy.deepcopy(schema)
    if notes is not None and (dropped or dropped_schemas):
        notes.append(
            f"the published description {published['info']['version']} has {len(dropped)} of the supplement's "
            f"operations and {len(dropped_schemas)} of its schemas; using Pinterest's: "
            + ", ".join(dropped + dropped_schemas)
        )
    return merged


def load_overlay(path: Path = OVERLAY, parts: tuple[Path, ...] = OVERLAY_PARTS) -> dict[str, Any]:
    """The committed 5.28.0 overlay (``specgen.derive_overlay`` writes it from the fact sheet).

    Kept as three Overlay documents (the operations' changes, their answers' status codes,
    the schemas' changes with the facts not applied), each small enough to review; read as
    one, in that order.
    """
    overlay: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    first = [action for part in parts for action in json.loads(part.read_text(encoding="utf-8"))["actions"]]
    return overlay | {"actions": [*first, *overlay["actions"]]}


def apply_release_overlay(merged: dict[str, Any], overlay: dict[str, Any], notes: list[str] | None = None) -> None:
    """Bring ``merged`` to the overlay's release in place, unless the published description is that new already.

    A published description of the overlay's release or later has every change the overlay
    models, so the overlay steps aside whole. An older one gets every action whose target it
    still has; an action whose change it already has (``x-drop-if-present``) or whose target
    it lacks is dropped, and ``notes`` says how many and which.
    """
    from specgen.overlay import apply_overlay

    version = str(merged.get("info", {}).get("version", ""))
    release = str(overlay["info"]["version"])
    if version_key(version) >= version_key(release):
        if notes is not None:
            notes.append(f"the published description is {version}: the {release} overlay is not needed, dropped whole")
        return
    result = apply_overlay(merged, overlay)
    if notes is not None and (result.dropped or result.unmatched):
        notes.append(
            f"the {release} overlay: {result.applied} changes applied; dropped {len(result.dropped)} the "
            f"description has already and {len(result.unmatched)} whose place it lacks: "
            + ", ".join(result.dropped + result.unmatched)
        )
    merged.setdefault("info", {})["version"] = release
    merged["info"]["x-built-from"] = f"published {version} + specs/v5/supplement + specs/v5/overlay ({release})"


def merged_v5_description(path: str | None = None, notes: list[str] | None = None) -> dict[str, Any]:
    """The v5 description of API 5.28.0: Pinterest's published one with the supplement and overlay applied.

    ``notes`` receives one line for each part of the supplement or overlay that a newer
    published description made unnecessary.
    """
    published: dict[str, Any] = json.loads(load_v5_spec(path))
    merged = merge_supplement(published, load_supplement(), notes)
    apply_release_overlay(merged, load_overlay(), notes)
    return merged
