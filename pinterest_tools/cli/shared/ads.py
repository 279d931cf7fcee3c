"""The advertising hierarchy get_ads and get_analytics walk: ad account, campaign, ad group, ad.

Upstream's lines: ``<Kind> ID: <id> | Name: <name> (<status>)``, numbered ``[i] `` in a
listing, ``This <parent> has no <Kind>s.`` for an empty level, ``Using the <Kind> with
identifier: <id>`` when an option gave the id, and the question ``Please select the
<Kind> number between 1 and <n>:`` (default 1; not asked when there is one choice).

The id options follow upstream's dependency rules: ``--campaign-id`` needs
``--ad-account-id``, ``--ad-group-id`` needs ``--campaign-id``, ``--ad-id`` needs
``--ad-group-id``. A level whose id is missing is listed and asked about; the answer is read
from stdin, terminal or not (so upstream's piped answers work), and the end of input
stops the command with one line (:func:`pinterest_tools.cli.shared.common.run`).

Light at import: the API facade arrives as an argument.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pinterest_tools.cli.shared.common import prompt_number
from pinterest_tools.cli.shared.organic import ADS_ID_MAX_LENGTH, interactive
from pinterest_tools.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    from pinterest_tools.cli.adapter import PinterestApi

Json = dict[str, Any]
Out = Callable[[str], None]


@dataclass(frozen=True)
class Level:
    kind: str  # "Ad Group"
    key: str  # "ad_group": the -o name, the JSON key
    parent: str  # "Campaign"

    @property
    def option(self) -> str:
        return f"--{self.key.replace('_', '-')}-id"

    @property
    def dest(self) -> str:
        return f"{self.key}_id"


LEVELS = (
    Level("Ad Account", "ad_account", "User"),
    Level("Campaign", "campaign", "Ad Account"),
    Level("Ad Group", "ad_group", "Campaign"),
    Level("Ad", "ad", "Ad Group"),
)


def add_id_arguments(parser: argparse.ArgumentParser, numeric: Callable[[str, int], Callable[[str], str]]) -> None:
    """``--ad-account-id``, ``--campaign-id``, ``--ad-group-id``, ``--ad-id`` (at most 18 digits each)."""
    for level in LEVELS:
        what = f"{level.kind.lower()} id"
        parser.add_argument(
            level.option, type=numeric(what, ADS_ID_MAX_LENGTH), help=f"{level.kind.lower()} identifier"
        )


def given_ids(args: argparse.Namespace) -> list[str | None]:
    """The id options in level order, after upstream's dependency rules (UsageError otherwise)."""
    ids: list[str | None] = [getattr(args, level.dest, None) for level in LEVELS]
    for depth in range(1, len(LEVELS)):
        if ids[depth] and not ids[depth - 1]:
            raise UsageError(f"{LEVELS[depth].option} requires {LEVELS[depth - 1].option}")
    return ids


def summary(obj: Json, kind: str) -> str:
    line = f"{kind} ID: {obj.get('id', '')} | Name: {obj.get('name') or ''}"
    status = obj.get("status")
    return f"{line} ({status})" if status else line


def enumeration(objs: Sequence[Json], kind: str) -> list[str]:
    return [f"[{number}] {summary(obj, kind)}" for number, obj in enumerate(objs, 1)]


def empty_line(depth: int) -> str:
    return f"This {LEVELS[depth].parent} has no {LEVELS[depth].kind}s."


def children(api: PinterestApi, path: Sequence[str]) -> Iterator[Json]:
    """The objects of the level below ``path`` (the ids chosen so far), every page."""
    if len(path) == 0:
        return api.ad_accounts()
    if len(path) == 1:
        return api.campaigns(path[0])
    if len(path) == 2:
        return api.ad_groups(path[0], path[1])
    return api.ads(path[0], path[1], path[2])


def find(objs: Sequence[Json], object_id: str, depth: int, path: Sequence[str]) -> Json:
    """The object of ``objs`` with ``object_id``; NotFoundError naming where it was looked for."""
    for obj in objs:
        if str(obj.get("id")) == object_id:
            return obj
    where = f" in {LEVELS[depth].parent} {path[-1]}" if path else ""
    raise NotFoundError(404, None, f"{LEVELS[depth].kind} {object_id} not found{where}")


def choose(api: PinterestApi, depth: int, given: Sequence[str | None], out: Out) -> list[str] | None:
    """The ids of the first ``depth`` levels: given ones announced, others listed and asked about.

    None when a level is empty (its ``This ... has no ...`` line is printed).
    """
    path: list[str] = []
    for index in range(depth):
        level = LEVELS[index]
        chosen = given[index] if index < len(given) else None
        if chosen:
            out(f"Using the {level.kind} with identifier: {chosen}")
            path.append(chosen)
            continue
        objs = list(children(api, path))
        if not objs:
            out(empty_line(index))
            return None
        for line in enumeration(objs, level.kind):
            out(line)
        number = prompt_number(f"Please select the {level.kind} number between 1 and {len(objs)}:", 1, len(objs))
        if len(objs) > 1 and not interactive():
            out("")  # the answer was not echoed: end the question's line
        path.append(str(objs[number - 1]["id"]))
    return path


@dataclass
class Node:
    """One object of the tree under the chosen ids, with its children (None at the ad level)."""

    depth: int
    obj: Json
    children: list[Node] | None


def tree(api: PinterestApi, given: Sequence[str | None], depth: int = 0, path: Sequence[str] = ()) -> list[Node]:
    """Everything under ``path``, restricted to the given ids (NotFoundError if one is not there)."""
    objs = list(children(api, path))
    wanted = given[depth] if depth < len(given) else None
    if wanted:
        objs = [find(objs, wanted, depth, path)]
    nodes = []
    for obj in objs:
        below = None
        if depth + 1 < len(LEVELS):
            below = tree(api, given, depth + 1, [*path, str(obj["id"])])
        nodes.append(Node(depth, obj, below))
    return nodes


def tree_lines(nodes: Sequence[Node], depth: int = 0) -> Iterator[str]:
    """Upstream's --all-ads output: a summary per object, two more spaces per level."""
    indent = "  " * depth
    if not nodes:
        yield indent + empty_line(depth)
    for node in nodes:
        yield indent + summary(node.obj, LEVELS[node.depth].kind)
        if node.children is not None:
            yield from tree_lines(node.children, depth + 1)


def tree_json(nodes: Sequence[Node], depth: int = 0) -> list[Any]:
    """``[{"ad_account": {...}, "campaigns": [{"campaign": {...}, "ad_groups": [...]}]}]``; ads as they are."""
    if depth == len(LEVELS) - 1:
        return [node.obj for node in nodes]
    level, below = LEVELS[depth], LEVELS[depth + 1]
    return [{level.key: node.obj, f"{below.key}s": tree_json(node.children or [], depth + 1)} for node in nodes]
