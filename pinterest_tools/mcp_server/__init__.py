"""The MCP server: Pinterest's v5 API as tools an AI agent can call, through the same facade and token.

``pinterest-tools mcp`` (or ``python -m pinterest_tools.mcp``) serves it over stdio with the
official ``mcp`` SDK (the ``pinterest-tools[mcp]`` extra). The package owns:

- :mod:`~pinterest_tools.mcp_server.schemas`: JSON schemas derived from the facade methods'
  signatures and type hints, and the check of an agent's arguments against them;
- :mod:`~pinterest_tools.mcp_server.operations`: every v5 operation of the facade, with its
  HTTP method and path;
- :mod:`~pinterest_tools.mcp_server.effects`: what each operation does to the account (read,
  write, delete, spend), from the reviewed table ``effects.toml``, judged on a call's arguments;
- :mod:`~pinterest_tools.mcp_server.safety`: the read-only default, the write, delete and
  spend switches, and answers trimmed to a size an agent can read without losing an item,
  Pinterest's data marked as untrusted, secrets redacted;
- :mod:`~pinterest_tools.mcp_server.descriptions`: words for every parameter an agent sees;
- :mod:`~pinterest_tools.mcp_server.media`: files from the one upload folder, a pin's image;
- :mod:`~pinterest_tools.mcp_server.http`: Streamable HTTP behind a bearer token or, with
  :mod:`~pinterest_tools.mcp_server.oauth_server`, as an OAuth 2.1 authorization server whose
  users sign in with Pinterest;
- :mod:`~pinterest_tools.mcp_server.tools`: the curated tools and the three that reach every
  other operation (``list_operations``, ``describe_operation``, ``call_operation``);
- :mod:`~pinterest_tools.mcp_server.server`: the SDK's low-level server wired to those tools.

Nothing here imports the command-line program; the command only parses its flags, builds the
server and calls :func:`pinterest_tools.mcp_server.server.run_stdio` or
:func:`pinterest_tools.mcp_server.http.run_http`. docs/mcp-security.md is the user's account.
"""
