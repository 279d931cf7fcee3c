"""One facade call per resource, against one in-process emulator (the facade's sample calls run, not just type-check).

For every resource of ``Pinterest`` (from the generated ``FACADE`` table, so from the
description), the first of its operations in ``v5_requests.order`` (creations first, as
the all-operations test sends them) is called through the facade method, with the path
parameters, query parameters and JSON body ``v5_requests.RequestBuilder`` builds for that
operation, converted to the types of the method's signature. Every other operation is sent
as a plain request in the same order, so each sample finds the objects it names. A call
must return the operation's typed success model (a list of them, a first ``Page`` of them
for list methods) or ``None`` where the description documents no body. The emulator's
contract check runs over the facade's exchanges at the end.
"""

from __future__ import annotations

import functools
import typing
from typing import Any

import httpx
import pytest
from support.description import MISSING, spec_path
from support.emulator import contract_checker
from support.facade_calls import arguments, bare, bound_method
from support.v5_requests import RequestBuilder, SampleRequest, order, send

from pinterest_tools.emulator.testing import start_emulator
from pinterest_tools.rest import Page, Pinterest
from pinterest_tools.rest.resources.operations import FACADE
from specgen.facade import normalized_id
from specgen.v5_source import merged_v5_description

pytestmark = pytest.mark.skipif(not spec_path().exists(), reason=MISSING)


def samples() -> dict[str, str]:
    """operationId family or facade namespace -> the operation (normalized id) of its sample call.

    Each family (the published operationId's first segment, ``campaigns`` of ``campaigns/list``)
    and each namespace has its first operation in ``order`` called, so that both the old
    resources' sample calls and every namespace are covered.
    """
    published = {normalized_id(op): op for op in FACADE}
    chosen: dict[str, str] = {}
    for operation_id in order(list(published)):
        if published[operation_id] not in APP_CREDENTIALS:
            chosen.setdefault(published[operation_id].partition("/")[0], operation_id)
            chosen.setdefault(FACADE[published[operation_id]][0], operation_id)
    return chosen


# sent as the app, not with the user's token: tests/rest/test_facade_oauth.py calls them
APP_CREDENTIALS = ("oauth/token", "token/revoke")


def namespaces() -> set[str]:
    """The facade's namespaces that hold a method sent with the user's token."""
    return {resource for op, (resource, _) in FACADE.items() if op not in APP_CREDENTIALS}


def success_types(module: Any, *, page: bool) -> tuple[Any, ...]:
    """What the generated parser returns for a 2xx (error models dropped); a page's item types for list methods."""
    from pinterest_api_v5.models.error import Error
    from pinterest_api_v5.models.pinterest_lib_error import PinterestLibError

    returned = typing.get_type_hints(module._parse_response)["return"]
    kinds = [kind for kind in bare(returned) if kind not in (Error, PinterestLibError)]
    if page:
        (response,) = kinds
        kinds = bare(typing.get_args(bare(typing.get_type_hints(response)["items"])[0])[0])
    return tuple(typing.get_args(kind)[0] if typing.get_origin(kind) is list else kind for kind in kinds)


def conforms(value: Any, documented: tuple[Any, ...]) -> bool:
    """``value`` is one of the documented types (``Any``: parsed JSON, never None)."""
    if Any in documented:
        return value is not None
    return isinstance(value, documented)


@functools.cache
def documented_bodies() -> frozenset[str]:
    """The operations (normalized ids) whose description documents a 2xx answer with a body."""
    spec = merged_v5_description(str(spec_path()))
    return frozenset(
        normalized_id(operation["operationId"])
        for item in spec["paths"].values()
        for method, operation in item.items()
        if method in ("get", "put", "post", "patch", "delete")
        # every documented 2xx has a body (where one has none, the client parses each as None: R11)
        and all(answer.get("content") for code, answer in operation["responses"].items() if code.startswith("2"))
    )


def call_sample(client: Pinterest, resource: str, method: str, request: SampleRequest, operation_id: str) -> Any:
    bound, module = bound_method(client, resource, method)
    assert not request.headers, "the facade authenticates with the client's token only"
    positional, keywords = arguments(request, operation_id, module)
    result = bound(*positional, **keywords)
    page = hasattr(result, "first_page")
    if page:
        result = result.first_page()
        assert isinstance(result, Page)
        items = result.items
    else:
        items = result if isinstance(result, list) else [result]
    if operation_id not in documented_bodies():
        assert result is None, (resource, method)
    else:
        documented = success_types(module, page=page)
        wrong = [item for item in items if not conforms(item, documented)]
        assert wrong == [] and result is not None, (resource, method, documented, result)
    return result


def test_one_facade_call_per_resource_returns_its_typed_model() -> None:
    chosen = samples()
    by_operation = {op: resource for resource, op in chosen.items()}
    published = {normalized_id(op): op for op in FACADE}
    with start_emulator("inprocess", record=True) as emu:
        builder = RequestBuilder(emu)
        token = emu.issue_token()
        called: dict[str, Any] = {}
        problems: list[str] = []
        facade_exchanges: list[Any] = []
        headers = {"Authorization": f"Bearer {token}"}
        with (
            httpx.Client(transport=emu.transport, base_url=emu.base_url + "/v5", headers=headers) as http,
            emu.client(token=token, max_retries=0) as client,
        ):
            for operation_id in order(list(published)):
                request = builder.build(operation_id)
                if operation_id not in by_operation:
                    answer = send(http, request)
                    assert answer.is_success, (operation_id, answer.status_code, answer.text)
                    continue
                resource, method = FACADE[published[operation_id]]
                before = len(emu.exchanges)
                try:
                    called[operation_id] = call_sample(client, resource, method, request, operation_id)
                except Exception as error:  # every failure listed at once
                    problems.append(f"{resource}.{method} ({operation_id}): {error!r}")
                facade_exchanges += emu.exchanges[before:]
        assert problems == [], "\n".join(problems)
        assert emu.services.failures == []
    assert sorted(called) == sorted(by_operation)
    assert {FACADE[published[op]][0] for op in called} == namespaces()
    # what the facade sent and got is contract-valid (the plain requests are the all-operations test's)
    checker = contract_checker()
    assert checker is not None
    assert len(facade_exchanges) == len(called)
    assert [problem for exchange in facade_exchanges for problem in checker.problems(exchange)] == []


def test_the_samples_cover_every_resource_once() -> None:
    chosen = samples()
    families = {op.partition("/")[0] for op in FACADE if op not in APP_CREDENTIALS}
    assert set(chosen) == families | namespaces()
    assert {FACADE[published][0] for published in FACADE if normalized_id(published) in chosen.values()} == namespaces()
    assert chosen["pins"] == "pins_create" and chosen["boards"] == "boards_create"
