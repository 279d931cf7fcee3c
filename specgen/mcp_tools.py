"""``docs/mcp.md``'s tool table, from the tools the MCP server lists.

Between ``<!-- mcp-tools:start -->`` and ``<!-- mcp-tools:end -->`` in ``docs/mcp.md``, one
row per tool of :class:`pinterest_tools.mcp_server.tools.Toolbox` with every toolset and the
upload tools, in the order an agent is shown them: its name, its toolset (``--toolsets``),
its effect (read, write, delete, spend: what the server's flags must allow), its required
arguments (from the schema the server sends, derived from the facade method)
and the description the agent reads. ``nox -s generate`` (:mod:`specgen.project_files`)
writes it; ``--check`` fails when a tool was added, renamed or described anew and the page
was not rewritten.
"""

from __future__ import annotations

from pathlib import Path

from pinterest_tools.mcp_server.tools import Toolbox
from specgen.marked_block import banner, replace_block

START = "<!-- mcp-tools:start -->"
END = "<!-- mcp-tools:end -->"
PAGE = Path(__file__).resolve().parents[1] / "docs" / "mcp.md"
WRITER = "specgen/mcp_tools.py"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def table() -> str:
    """The block between the markers: the tool table."""
    tools = list(Toolbox.build(("all",), uploads=True).tools.values())
    lines = [
        "",
        banner(WRITER, "the MCP server's tools (pinterest_tools/mcp_server/tools.py)"),
        "",
        f"{len(tools)} tools with `--toolsets all --upload-dir DIR`, in the order the server lists them:",
        "",
        "| tool | toolset | effect | required arguments | what it does |",
        "| --- | --- | --- | --- | --- |",
    ]
    for tool in tools:
        required = ", ".join(f"`{name}`" for name in tool.schema().get("required", ()))
        lines.append(f"| `{tool.name}` | {tool.toolset} | {tool.effect} | {required} | {_cell(tool.description)} |")
    return "\n".join([*lines, ""]) + "\n"


def rewrite(text: str) -> str:
    """The page ``text`` with the tool table between the markers renewed (ValueError without the markers)."""
    return replace_block(text, START, END, table)
