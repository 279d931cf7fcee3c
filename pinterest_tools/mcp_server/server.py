"""The stdio MCP server: the SDK's low-level ``Server`` with the tools of :mod:`~pinterest_tools.mcp_server.tools`.

The low-level server and not the SDK's decorator-based one, because the tools' schemas are
derived from the facade (not from the handler functions' signatures) and every call goes
through one place that checks, runs and turns errors into tool errors.

A call runs the sync facade in a worker thread (the client's retries sleep there, not in the
event loop). Its answer is JSON text (:func:`~pinterest_tools.mcp_server.safety.render`);
an error is a tool error (``isError``) holding the typed error's message and hint, and for
a missing scope the scopes to ask for; an unexpected exception is logged and answered with
its type only, never a traceback. One resource, ``pinterest://token``, says which token the
server uses, its scopes and the server's switches, so that an agent can tell beforehand
what it may do.
"""

from __future__ import annotations

import functools
import json
import logging
from typing import TYPE_CHECKING, Any

import anyio
import anyio.to_thread
import mcp.types as types
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server

from pinterest_tools.errors import InsufficientScopeError, PinterestError, RateLimitError
from pinterest_tools.logs import redact
from pinterest_tools.mcp_server.safety import DELETE, READ, Policy, render
from pinterest_tools.mcp_server.tools import Context, Toolbox

if TYPE_CHECKING:
    from pathlib import Path

    from mcp.server.context import ServerRequestContext

    from pinterest_tools.rest import Pinterest

log = logging.getLogger(__name__)

NAME = "pinterest-tools"
TOKEN_URI = "pinterest://token"
INSTRUCTIONS = (
    "Tools for the user's Pinterest account (API v5). Lists answer one page: pass the answer's bookmark back "
    "for the next. Writes need the server's --allow-writes flag and deletes also --allow-deletes; a refused "
    "call sends nothing. list_operations and call_operation reach every other v5 operation. "
    f"The resource {TOKEN_URI} tells the token's scopes and the server's switches."
)


def error_text(error: BaseException) -> str:
    """What an agent is told about a failed call: the message, the hint, the scopes or wait that would help."""
    if not isinstance(error, PinterestError):
        return f"unexpected {type(error).__name__} in the server (its log has the details)"
    lines = [f"error: {error.message}"]
    if isinstance(error, InsufficientScopeError) and error.missing_scopes:
        lines.append(f"missing scopes: {', '.join(error.missing_scopes)}")
    if isinstance(error, RateLimitError) and error.retry_after is not None:
        lines.append(f"retry after: {error.retry_after:g} seconds")
    if error.hint:
        lines.append(f"hint: {error.hint}")
    return redact("\n".join(lines))


def _tool_error(text: str) -> types.CallToolResult:
    return types.CallToolResult(content=[types.TextContent(text=text)], is_error=True)


def token_summary(client: Pinterest, policy: Policy) -> dict[str, Any]:
    """The token the server uses (never its value) and the server's switches."""
    token = client.token
    return {
        "token_name": token.name,
        "token_source": token.source,
        "scopes": token.scope_list or None,
        "scopes_note": None if token.scope_list else "the token does not record its scopes (one from the environment)",
        "api_base_url": client.config.api_base_url,
        "sandbox": client.config.sandbox,
        "allow_writes": policy.allow_writes,
        "allow_deletes": policy.allow_writes and policy.allow_deletes,
    }


def build_server(client: Pinterest, policy: Policy, report_dir: Path) -> Server[Any]:
    """The server, its tools calling ``client`` under ``policy``; report files go to ``report_dir``."""
    context = Context(client, policy, report_dir)
    toolbox = functools.cache(Toolbox.build)

    async def list_tools(ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None) -> Any:
        return types.ListToolsResult(
            tools=[
                types.Tool(
                    name=tool.name,
                    description=tool.description,
                    input_schema=tool.schema(),
                    annotations=types.ToolAnnotations(
                        read_only_hint=tool.kind == READ,
                        destructive_hint=tool.kind == DELETE,
                        open_world_hint=True,
                    ),
                )
                for tool in toolbox().tools.values()
            ]
        )

    async def call_tool(ctx: ServerRequestContext[Any], params: types.CallToolRequestParams) -> Any:
        tool = toolbox().tools.get(params.name)
        if tool is None:
            return _tool_error(f"error: no tool {params.name!r}\nhint: tools/list lists them")
        arguments = dict(params.arguments or {})
        try:
            result = await anyio.to_thread.run_sync(functools.partial(tool.call, context, arguments))
        except PinterestError as exc:
            log.warning("%s: %s", params.name, exc.message)
            return _tool_error(error_text(exc))
        except Exception as exc:  # a bug: logged (redacted by the handler), never sent as a traceback
            log.error("%s failed", params.name, exc_info=True)
            return _tool_error(error_text(exc))
        return types.CallToolResult(content=[types.TextContent(text=render(result, policy.max_chars))])

    async def list_resources(ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None) -> Any:
        return types.ListResourcesResult(
            resources=[
                types.Resource(
                    uri=TOKEN_URI,
                    name="token",
                    description="The token this server uses (its name, source and scopes; never its value) "
                    "and whether writes and deletes are allowed.",
                    mime_type="application/json",
                )
            ]
        )

    async def read_resource(ctx: ServerRequestContext[Any], params: types.ReadResourceRequestParams) -> Any:
        if str(params.uri) != TOKEN_URI:
            raise ValueError(f"no resource {params.uri}")
        text = redact(json.dumps(token_summary(client, policy), indent=1))
        return types.ReadResourceResult(
            contents=[types.TextResourceContents(uri=TOKEN_URI, mime_type="application/json", text=text)]
        )

    from pinterest_tools import __version__

    return Server(
        NAME,
        version=__version__,
        instructions=INSTRUCTIONS,
        on_list_tools=list_tools,
        on_call_tool=call_tool,
        on_list_resources=list_resources,
        on_read_resource=read_resource,
    )


async def serve(server: Server[Any]) -> None:
    """Serve one client over stdin/stdout until it closes the connection."""
    async with stdio_server() as (read_stream, write_stream):
        await server.run(read_stream, write_stream, server.create_initialization_options())


def run_stdio(client: Pinterest, policy: Policy, report_dir: Path) -> None:
    """Build the server and serve it over stdio (blocks until the client disconnects)."""
    anyio.run(serve, build_server(client, policy, report_dir))
