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

import base64
import functools
import json
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import anyio
import anyio.to_thread
import mcp.types as types
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server
from mcp.shared.exceptions import MCPError
from mcp.shared.message import SessionMessage
from mcp_types.jsonrpc import INVALID_PARAMS, INVALID_REQUEST, PARSE_ERROR

from pinterest_tools.errors import InsufficientScopeError, PinterestError, RateLimitError
from pinterest_tools.logs import redact
from pinterest_tools.mcp_server.effects import DELETE, READ, SPEND, WRITE
from pinterest_tools.mcp_server.safety import UNTRUSTED_NOTE, Policy, render, render_error
from pinterest_tools.mcp_server.tools import DEFAULT_TOOLSETS, PUBLISHING, Context, Image, Tool, Toolbox

if TYPE_CHECKING:
    from pathlib import Path

    from mcp.server.context import ServerRequestContext

    from pinterest_tools.rest import Pinterest

log = logging.getLogger(__name__)

NAME = "pinterest-tools"
TOKEN_URI = "pinterest://token"
INSTRUCTIONS = (
    "Tools for the user's Pinterest account (API v5). Lists answer one page: pass the answer's bookmark back "
    "for the next. Writes need the server's --allow-writes flag, deletes also --allow-deletes and whatever can "
    "spend money also --allow-spend; a refused call sends nothing. list_operations and call_operation reach "
    f"every other v5 operation. The resource {TOKEN_URI} tells the token's scopes and the server's switches. "
    + UNTRUSTED_NOTE
)
MAX_IN_FLIGHT = 8  # tool calls running at once; more wait (within their deadline) for a free slot
CALL_DEADLINE = 120.0  # seconds a tool call may take; run_ads_report gets its own wait on top


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


def _tool_error(text: str, max_chars: int) -> types.CallToolResult:
    return types.CallToolResult(content=[types.TextContent(text=render_error(text, max_chars))], is_error=True)


def without_credentials(url: str) -> str:
    """``url`` without a user name or password in it (``https://user:pass@host`` -> ``https://host``)."""
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return "(not a valid address)"
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def token_summary(client: Pinterest, policy: Policy) -> dict[str, Any]:
    """The token the server uses (never its value) and the server's switches."""
    token = client.token
    return {
        "token_name": token.name,
        "token_source": token.source,
        "scopes": token.scope_list or None,
        "scopes_note": None if token.scope_list else "the token does not record its scopes (one from the environment)",
        "api_base_url": without_credentials(client.config.api_base_url),
        "sandbox": client.config.sandbox,
        "allow_writes": policy.allow_writes,
        "allow_deletes": policy.allows(DELETE),
        "allow_spend": policy.allows(SPEND),
    }


def tool_annotations(tool: Tool) -> types.ToolAnnotations:
    """The hints MCP clients act on, true to what the tool can do: spending counts as destructive."""
    return types.ToolAnnotations(
        read_only_hint=tool.effect == READ,
        destructive_hint=tool.effect in (DELETE, SPEND),
        idempotent_hint=tool.effect == READ or (tool.idempotent and tool.effect != SPEND),
        open_world_hint=not tool.own,
    )


_CONFIRM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "publish": {"type": "boolean", "title": "Publish this pin", "description": "Yes to publish it on Pinterest"}
    },
    "required": ["publish"],
}


def _pin_summary(tool: Tool, arguments: dict[str, Any]) -> str:
    given = dict(arguments.get("arguments") or {}) if tool.name == "call_operation" else arguments
    body = given.get("body")
    shown = {**(body if isinstance(body, dict) else {}), **given}
    parts = [
        f"{key}: {str(shown[key])[:200]}" for key in ("board_id", "title", "description", "link") if shown.get(key)
    ]
    media = shown.get("path") or shown.get("paths") or shown.get("image_url") or shown.get("pin_id")
    if media:
        parts.append(f"media: {str(media)[:300]}")
    return "; ".join(parts) or "(no details given)"


async def _confirmed(
    ctx: ServerRequestContext[Any], tool: Tool, arguments: dict[str, Any], policy: Policy
) -> str | None:
    """None when the pin may be published; else why not.

    Pinterest's developer guidelines require that the end user choose each pin an app
    publishes, so a pin create or save asks the user through MCP elicitation. A client that
    cannot ask is refused, unless the user started the server with --no-confirm.
    """
    publishes = tool.publishes_pin or (
        tool.name == "call_operation" and str(arguments.get("operation_id")) in PUBLISHING
    )
    if not publishes or not policy.confirm_pins or not policy.allows(WRITE):
        return None  # a refused write is refused by the policy, with its own message
    capabilities = ctx.session.client_capabilities
    if capabilities is None or capabilities.elicitation is None:
        return (
            f"error: {tool.name} publishes a pin, and this client cannot ask the user to confirm it "
            "(MCP elicitation); Pinterest's developer guidelines require that the user choose each pin an app "
            "publishes\nhint: use a client that supports elicitation, or the user can restart the server "
            "with --no-confirm to confirm pins in the conversation instead"
        )
    answer = await ctx.session.elicit(
        f"Publish this pin on Pinterest? {_pin_summary(tool, arguments)}",
        _CONFIRM_SCHEMA,
        related_request_id=ctx.request_id,
    )
    if answer.action == "accept" and (answer.content or {}).get("publish") is True:
        return None
    return f"error: the user did not confirm the pin ({answer.action}); nothing was sent"


def _subject(ctx: ServerRequestContext[Any]) -> str | None:
    """The signed-in user of an HTTP request under --oauth (the SDK's bearer middleware sets it)."""
    from mcp.server.auth.middleware.auth_context import get_access_token

    token = get_access_token()
    if token is None:
        user = getattr(ctx.request, "user", None)
        token = getattr(user, "access_token", None)
    subject = getattr(token, "subject", None)
    return subject if isinstance(subject, str) and subject else None


def build_server(
    client: Pinterest | None,
    policy: Policy,
    report_dir: Path,
    *,
    toolsets: tuple[str, ...] = DEFAULT_TOOLSETS,
    upload_dir: Path | None = None,
    max_in_flight: int = MAX_IN_FLIGHT,
    deadline: float = CALL_DEADLINE,
    client_for: Callable[[str], Pinterest] | None = None,
) -> Server[Any]:
    """The server: the tools of ``toolsets`` calling ``client`` under ``policy``; reports go to ``report_dir``."""
    if client is None and client_for is None:
        raise ValueError("a server needs a client, or client_for (--oauth)")
    shared = Context(client, policy, report_dir, upload_dir) if client is not None else None
    toolbox = Toolbox.build(toolsets, policy, uploads=upload_dir is not None)
    slots = anyio.CapacityLimiter(max_in_flight)
    own_slots = anyio.CapacityLimiter(4)  # the server's own tools (no Pinterest call) never wait behind slow ones

    async def list_tools(ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None) -> Any:
        return types.ListToolsResult(
            tools=[
                types.Tool(
                    name=tool.name,
                    description=tool.description,
                    input_schema=tool.listed_schema(),
                    annotations=tool_annotations(tool),
                )
                for tool in toolbox.tools.values()
            ]
        )

    async def call_tool(ctx: ServerRequestContext[Any], params: types.CallToolRequestParams) -> Any:
        tool = toolbox.tools.get(params.name)
        if tool is None:
            return _tool_error(f"error: no tool {params.name!r}\nhint: tools/list lists them", policy.max_chars)
        arguments = dict(params.arguments or {})
        context = shared
        if client_for is not None or context is None:  # --oauth: each signed-in user's own Pinterest token
            subject = _subject(ctx)
            if subject is None or client_for is None:
                return _tool_error("error: this call is not signed in", policy.max_chars)
            user_client = await anyio.to_thread.run_sync(client_for, subject, limiter=own_slots)
            context = Context(user_client, policy, report_dir, upload_dir)
        if tool.publishes_pin or tool.name == "call_operation":
            # A pin is checked in full before the user is asked about it, and asked about before it is sent.
            try:
                checked = await anyio.to_thread.run_sync(tool.check, context, arguments, limiter=own_slots)
            except PinterestError as exc:
                return _tool_error(error_text(exc), policy.max_chars)
            refusal = await _confirmed(ctx, tool, checked, policy)
            if refusal is not None:
                return _tool_error(refusal, policy.max_chars)
        limit = deadline
        wait = arguments.get("wait_seconds") if tool.name == "run_ads_report" else None
        if isinstance(wait, int | float) and not isinstance(wait, bool) and 0 < wait <= 900:
            limit = deadline + float(wait)
        try:
            with anyio.fail_after(limit):
                # A slow call holds its slot; once the deadline passes its thread is abandoned (the
                # client's own HTTP timeout ends it) and the slot goes to the next call.
                result = await anyio.to_thread.run_sync(
                    functools.partial(tool.call, context, arguments),
                    limiter=own_slots if tool.own else slots,
                    abandon_on_cancel=True,
                )
        except TimeoutError:
            log.warning("%s: no answer within %g seconds", params.name, limit)
            return _tool_error(
                f"error: {params.name} did not finish within {limit:g} seconds\n"
                "hint: try again later, or ask for less (a smaller limit, a shorter period)",
                policy.max_chars,
            )
        except PinterestError as exc:
            log.warning("%s: %s", params.name, render_error(exc.message, 2000))
            return _tool_error(error_text(exc), policy.max_chars)
        except Exception as exc:  # a bug: logged (redacted by the handler), never sent as a traceback
            log.error("%s failed", params.name, exc_info=True)
            return _tool_error(error_text(exc), policy.max_chars)
        if isinstance(result, Image):
            about = render(result.about, policy.max_chars, untrusted=True)
            picture = base64.b64encode(result.data).decode()
            return types.CallToolResult(
                content=[
                    types.TextContent(text=about),
                    types.ImageContent(data=picture, mime_type=result.content_type),
                ]
            )
        text = render(result, policy.max_chars, untrusted=not tool.own)
        return types.CallToolResult(content=[types.TextContent(text=text)])

    async def list_resources(ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None) -> Any:
        return types.ListResourcesResult(
            resources=[
                types.Resource(
                    uri=TOKEN_URI,
                    name="token",
                    description="The token this server uses (its name, source and scopes; never its value) "
                    "and whether writes, deletes and spending are allowed.",
                    mime_type="application/json",
                )
            ]
        )

    async def read_resource(ctx: ServerRequestContext[Any], params: types.ReadResourceRequestParams) -> Any:
        if str(params.uri) != TOKEN_URI:
            # A JSON-RPC error the client can act on, not an exception with a traceback in the log.
            raise MCPError(INVALID_PARAMS, f"no resource {str(params.uri)[:200]!r}; resources/list lists them")
        whose = client
        if client_for is not None:
            subject = _subject(ctx)
            if subject is None:
                raise MCPError(INVALID_PARAMS, "this request is not signed in")
            whose = await anyio.to_thread.run_sync(client_for, subject)
        if whose is None:
            raise MCPError(INVALID_PARAMS, "this request is not signed in")
        text = redact(json.dumps(token_summary(whose, policy), separators=(",", ":")))
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


def _malformed(error: Exception) -> types.JSONRPCError:
    """The JSON-RPC error for a line that is not a JSON-RPC message (id null: it could not be read)."""
    errors = getattr(error, "errors", None)
    kinds = {item.get("type") for item in errors()} if callable(errors) else set()
    if "json_invalid" in kinds or (isinstance(error, ValueError | UnicodeDecodeError) and not kinds):
        return types.JSONRPCError(
            jsonrpc="2.0", id=None, error=types.ErrorData(code=PARSE_ERROR, message="Parse error: not JSON")
        )
    return types.JSONRPCError(
        jsonrpc="2.0",
        id=None,
        error=types.ErrorData(code=INVALID_REQUEST, message="Invalid Request: not a JSON-RPC 2.0 message"),
    )


async def serve(server: Server[Any]) -> None:
    """Serve one client over stdin/stdout until it closes the connection.

    The SDK's stdio transport hands a line it cannot read to the server as an exception,
    which the server drops without a word; JSON-RPC 2.0 asks for an error answer
    (-32700 for what is not JSON, -32600 for what is not a request), sent here.
    """
    async with stdio_server() as (read_stream, write_stream):
        send, receive = anyio.create_memory_object_stream[SessionMessage | Exception](0)

        async def forward() -> None:
            async with send:
                async for item in read_stream:
                    if isinstance(item, Exception):
                        log.warning("a message that is not JSON-RPC: %s", type(item).__name__)
                        await write_stream.send(SessionMessage(message=_malformed(item)))
                    else:
                        await send.send(item)

        async with anyio.create_task_group() as group:
            group.start_soon(forward)
            await server.run(receive, write_stream, server.create_initialization_options())
            group.cancel_scope.cancel()


def run_stdio(server: Server[Any]) -> None:
    """Serve ``server`` over stdio (blocks until the client disconnects)."""
    anyio.run(serve, server)
