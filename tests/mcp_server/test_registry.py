"""server.json and the README's mcp-name marker, against the MCP Registry's published schema (2025-12-11) facts.

The registry refuses a server.json whose name is not reverse-DNS with exactly one slash, whose
description is over 100 characters, whose versions are ``latest`` or a range, or whose
package has no transport; for a PyPI package it also looks for ``mcp-name: <name>`` in the
package's README (the project description on PyPI).
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

from pinterest_tools import __version__

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json"
NAME = re.compile(r"^[a-zA-Z0-9.-]+/[a-zA-Z0-9._-]+$")
LABEL = re.compile(r"^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$")
EXACT_VERSION = re.compile(r"^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$")


def test_server_json_meets_the_registry_schema_and_matches_the_package() -> None:
    server = json.loads((ROOT / "server.json").read_text(encoding="utf-8"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    version = __version__  # pyproject.toml's version is dynamic: pinterest_tools/_version.py is its source
    assert "version" in project["dynamic"]
    assert server["$schema"] == SCHEMA
    name = server["name"]
    assert NAME.match(name) and name.count("/") == 1 and 3 <= len(name) <= 200
    namespace, server_name = name.split("/")
    assert all(LABEL.match(label) for label in namespace.split(".")) and len(namespace.split(".")) >= 2
    assert server_name[0].isalnum() and server_name[-1].isalnum()
    assert 1 <= len(server["description"]) <= 100
    assert EXACT_VERSION.match(server["version"]) and server["version"] == version
    assert set(server) <= {"$schema", "name", "title", "description", "version", "packages", "repository", "websiteUrl"}
    (package,) = server["packages"]
    assert package["registryType"] == "pypi" and package["identifier"] == project["name"]
    assert package["version"] == version and package["transport"] == {"type": "stdio"}
    assert package["runtimeHint"] in ("uvx", "npx", "dnx")
    assert package["packageArguments"] == [{"type": "positional", "value": "mcp"}]
    assert "pinterest-tools = " in (ROOT / "pyproject.toml").read_text() and project["scripts"]["pinterest-tools"]
    for variable in package["environmentVariables"]:
        assert set(variable) <= {"name", "description", "isRequired", "isSecret", "format", "default", "choices"}
        assert re.match(r"^[A-Z][A-Z0-9_]*$", variable["name"]) and variable["description"]
    secrets = {v["name"] for v in package["environmentVariables"] if v["isSecret"]}
    assert secrets == {"ACCESS_TOKEN", "PINTEREST_APP_SECRET"}


def test_the_readme_carries_the_mcp_name_marker() -> None:
    server = json.loads((ROOT / "server.json").read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.findall(r"mcp-name: (\S+)", readme) == [server["name"]]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["readme"] == "README.md"  # the README is the PyPI description the registry reads
