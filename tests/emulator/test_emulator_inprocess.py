"""The in-process transport, seeding and the emulator handle the pytest plugin yields (`emulator.testing`)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from pinterest_api_v5.models import Account, Board

from pinterest_tools.emulator.serving.data_file import DataFileError
from pinterest_tools.emulator.serving.inprocess import IN_PROCESS_URL, InProcessTransport
from pinterest_tools.emulator.testing import PinterestEmulator, start_emulator
from pinterest_tools.emulator.wire.fault_plan import Fault
from pinterest_tools.errors import InsufficientScopeError
from pinterest_tools.rest import AsyncPinterest, Pinterest


def bearer(emu: PinterestEmulator) -> dict[str, str]:
    return {"Authorization": f"Bearer {emu.token}"}


# ------------------------------------------------------------------ the transport, sync and async
def test_sync_transport_serves_the_v5_api(pinterest_emulator_inprocess: PinterestEmulator) -> None:
    emu = pinterest_emulator_inprocess
    assert emu.mode == "inprocess" and emu.base_url == IN_PROCESS_URL
    with httpx.Client(transport=emu.transport, base_url=emu.base_url + "/v5", headers=bearer(emu)) as http:
        me = http.get("/user_account")
        created = http.post("/boards", json={"name": "Sync soups"})
        streamed = http.post("/boards", content=iter([b'{"name": ', b'"Streamed"}']))  # a sync-only body
    assert me.status_code == 200 and me.json()["username"] == "dexter_demo"
    assert me.headers["x-pinterest-rid"]
    assert created.status_code == 201 and streamed.status_code == 201, streamed.text
    names = [board.name for board in emu.state.boards_of("dexter_demo")]
    assert names[-2:] == ["Sync soups", "Streamed"]
    assert emu.state.boards[created.json()["id"]].name == "Sync soups"


@pytest.mark.anyio
async def test_async_transport_serves_the_v5_api(pinterest_emulator_inprocess: PinterestEmulator) -> None:
    emu = pinterest_emulator_inprocess
    async with httpx.AsyncClient(transport=emu.transport, base_url=emu.base_url + "/v5", headers=bearer(emu)) as http:
        me = await http.get("/user_account")
        created = await http.post("/boards", json={"name": "Async soups"})
    assert me.json()["username"] == "dexter_demo"
    assert created.status_code == 201
    assert emu.state.boards[created.json()["id"]].name == "Async soups"


@pytest.mark.parametrize("fault", ["drop-before", "drop-after"])
def test_a_dropped_connection_is_a_protocol_error_as_on_a_socket(pinterest_emulator_factory: Any, fault: str) -> None:
    for mode in ("socket", "inprocess"):
        emu = pinterest_emulator_factory(mode=mode)
        http = httpx.Client(transport=emu.transport, base_url=emu.base_url + "/v5", headers=bearer(emu))
        with http, pytest.raises(httpx.RemoteProtocolError):
            http.post("/boards", json={"name": "Dropped"}, headers={"X-Emulator-Fault": fault})
        created = [board.name for board in emu.state.boards_of("dexter_demo") if board.name == "Dropped"]
        assert created == (["Dropped"] if fault == "drop-after" else []), mode  # drop-after: the route ran


@pytest.mark.anyio
async def test_async_dropped_connection_and_truncated_body(pinterest_emulator_inprocess: PinterestEmulator) -> None:
    emu = pinterest_emulator_inprocess
    async with httpx.AsyncClient(transport=emu.transport, base_url=emu.base_url + "/v5", headers=bearer(emu)) as http:
        with pytest.raises(httpx.RemoteProtocolError):
            await http.get("/user_account", headers={"X-Emulator-Fault": "drop-before"})
        whole = await http.get("/user_account")
        cut = await http.get("/user_account", headers={"X-Emulator-Fault": "truncate"})
    assert cut.status_code == 200 and cut.content == whole.content[: len(whole.content) // 2]


async def _crashing_app(scope: Any, receive: Any, send: Any) -> None:
    if scope["path"] in ("/late", "/answered"):
        await send({"type": "http.response.start", "status": 200, "headers": []})
    if scope["path"] == "/answered":
        await send({"type": "http.response.body", "body": b"done"})
    raise RuntimeError("emulator bug")


def test_a_crash_answers_500_before_the_answer_started_and_drops_after() -> None:
    transport = InProcessTransport(_crashing_app)
    try:
        with httpx.Client(transport=transport, base_url=IN_PROCESS_URL) as http:
            early = http.get("/early")
            answered = http.get("/answered")  # complete before the crash: the answer stands
            with pytest.raises(httpx.RemoteProtocolError):
                http.get("/late")
    finally:
        transport.close()
    assert (early.status_code, early.text) == (500, "Internal Server Error")
    assert (answered.status_code, answered.text) == (200, "done")


def test_the_sync_side_starts_again_after_close(pinterest_emulator_inprocess: PinterestEmulator) -> None:
    emu = pinterest_emulator_inprocess
    assert emu.transport is not None
    for _ in range(2):  # httpx.Client.close() closes the transport; the next client must still work
        with httpx.Client(transport=emu.transport, base_url=emu.base_url + "/v5", headers=bearer(emu)) as http:
            assert http.get("/user_account").status_code == 200


@pytest.fixture
def inet_socket_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every connect/bind/listen on an IPv4/IPv6 socket while the test runs."""
    calls: list[str] = []
    for name in ("connect", "connect_ex", "bind", "listen"):
        real = getattr(socket.socket, name)

        def spy(sock: socket.socket, *args: Any, _real: Any = real, _name: str = name) -> Any:
            if sock.family in (socket.AF_INET, socket.AF_INET6):
                calls.append(f"{_name}{args}")
            return _real(sock, *args)

        monkeypatch.setattr(socket.socket, name, spy)
    yield calls


def test_in_process_mode_opens_no_socket(inet_socket_calls: list[str]) -> None:
    async def both(emu: PinterestEmulator) -> None:
        async with emu.async_client() as client:
            assert (await client.user_account.get()).username == "dexter_demo"

    import anyio

    with start_emulator("inprocess") as emu:
        with emu.client() as client:
            assert client.user_account.get().username == "dexter_demo"
        anyio.run(both, emu)
    assert inet_socket_calls == []
    with start_emulator("socket") as emu, emu.client() as client:  # the spy does see a socket emulator
        client.user_account.get()
    assert any(call.startswith("bind") for call in inet_socket_calls)
    assert any(call.startswith("connect") for call in inet_socket_calls)


# ------------------------------------------------------------------ the client and tokens
@pytest.mark.parametrize("mode", ["socket", "inprocess"])
def test_client_is_the_facade_bound_to_the_emulator_with_the_users_token(
    pinterest_emulator_factory: Any, mode: str
) -> None:
    emu = pinterest_emulator_factory(mode=mode)
    with emu.client(user="penny_demo") as client:
        assert type(client) is Pinterest
        me = client.user_account.get()
        board = client.boards.create(name="Penny's")
    assert isinstance(me, Account) and me.username == "penny_demo"
    assert isinstance(board, Board) and emu.state.boards[board.id].owner_id == emu.state.user("penny_demo").id
    assert [exchange.path for exchange in emu.exchanges][-2:] == ["/v5/user_account", "/v5/boards"]
    with emu.client(scopes=["user_accounts:read"]) as reader, pytest.raises(InsufficientScopeError) as raised:
        next(iter(reader.boards.list()))
    assert (raised.value.status_code, raised.value.code) == (401, 3)
    with emu.client(token=emu.token) as same:
        assert same.token.access_token == emu.token


@pytest.mark.parametrize("retries", [0, 2])
def test_max_retries_reaches_the_facade(
    pinterest_emulator_factory: Any, monkeypatch: pytest.MonkeyPatch, retries: int
) -> None:
    from pinterest_tools.errors import ApiStatusError

    monkeypatch.setenv("PINTEREST_RETRY_BACKOFF", "0")
    emu = pinterest_emulator_factory(mode="inprocess", fault_rate=1, fault_kinds=[Fault.ERROR_503])
    with emu.client(max_retries=retries) as client, pytest.raises(ApiStatusError) as raised:
        client.user_account.get()
    assert raised.value.status_code == 503
    assert len(emu.exchanges) == retries + 1


def test_timeout_reaches_the_facade(pinterest_emulator_factory: Any) -> None:
    from pinterest_tools.errors import ApiConnectionError

    emu = pinterest_emulator_factory(mode="inprocess", fault_rate=1, fault_kinds=[Fault.SLOW], slow_ms=1000)
    with emu.client(timeout=0.1, max_retries=0) as client, pytest.raises(ApiConnectionError, match=r"(?i)time"):
        client.user_account.get()


@pytest.mark.anyio
async def test_async_client_in_process(pinterest_emulator_inprocess: PinterestEmulator) -> None:
    emu = pinterest_emulator_inprocess
    async with emu.async_client(user="penny_demo") as client:
        assert type(client) is AsyncPinterest
        created = await client.boards.create(name="Async")
        listed = [board.name async for board in client.boards.list()]
    assert isinstance(created, Board) and created.name == "Async"
    assert "Async" in listed
    assert emu.state.boards[created.id].owner_id == emu.state.user("penny_demo").id


def test_an_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="socket, inprocess"), start_emulator("tcp"):  # type: ignore[arg-type]
        pass


# ------------------------------------------------------------------ seeding
SEED = {
    "users": [
        {
            "username": "ana",
            "full_name": "Ana",
            "boards": [
                {
                    "name": "Soups",
                    "pins": [{"title": "Pho", "image": {"url": "https://images.example.com/pho.jpg"}}],
                    "sections": [
                        {"name": "Cold", "pins": [{"title": "Gazpacho", "image": {"url": "https://x/g.jpg"}}]}
                    ],
                }
            ],
            "ad_accounts": [{"name": "Ana's ads", "campaigns": [{"name": "Spring", "ad_groups": [{"name": "G"}]}]}],
        }
    ]
}


def test_seed_adds_users_with_everything_they_own_and_returns_their_ids(
    pinterest_emulator_inprocess: PinterestEmulator,
) -> None:
    emu = pinterest_emulator_inprocess
    before = emu.state.first_user().username
    seeded = emu.seed(SEED)
    (ana,) = seeded["users"]
    board = ana["boards"][0]
    assert board["id"].isdigit() and board["pins"][0]["title"] == "Pho"
    assert board["sections"][0]["pins"][0]["title"] == "Gazpacho"
    assert ana["ad_accounts"][0]["campaigns"][0]["ad_groups"][0]["name"] == "G"
    assert emu.state.first_user().username == before  # the default user stays the default
    with emu.client(user="ana") as client:
        listed = [b.id for b in client.boards.list()]
    assert listed == [board["id"]]
    assert [pin.title for pin in emu.state.pins_on_board(board["id"])] == ["Pho", "Gazpacho"]


def test_seed_into_an_existing_user_appends_and_keeps_ids_and_tokens(
    pinterest_emulator_inprocess: PinterestEmulator,
) -> None:
    emu = pinterest_emulator_inprocess
    token = emu.token
    state = emu.state
    old_boards = [(b.id, b.name) for b in state.boards_of("dexter_demo")]
    seeded = emu.seed({"users": [{"username": "dexter_demo", "about": "Seeded", "boards": [{"name": "Extra"}]}]})
    assert emu.state is state  # swapped in place: references stay valid
    now = [(b.id, b.name) for b in state.boards_of("dexter_demo")]
    assert now[:-1] == old_boards and now[-1][1] == "Extra"
    assert seeded["users"][0]["about"] == "Seeded"
    with httpx.Client(transport=emu.transport, base_url=emu.base_url + "/v5") as http:
        me = http.get("/user_account", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.json()["about"] == "Seeded"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"users": [{"boards": [{"name": "No owner"}]}]}, "username: required"),
        ({"users": [{"username": "ana", "boards": [{"privacy": "SECRET"}]}]}, "name: required"),
        ({"format": 2, "users": []}, "format 1, not 2"),
        ([{"username": "ana"}], "expected a data document"),
    ],
)
def test_invalid_seed_names_the_problem_and_changes_nothing(
    pinterest_emulator_inprocess: PinterestEmulator, document: Any, message: str
) -> None:
    emu = pinterest_emulator_inprocess
    before = emu.dump()
    with pytest.raises(DataFileError, match=message):
        emu.seed(document)
    assert emu.dump() == before


def test_seed_refuses_an_id_already_in_use(pinterest_emulator_inprocess: PinterestEmulator) -> None:
    emu = pinterest_emulator_inprocess
    taken = emu.state.boards_of("dexter_demo")[0].id
    with pytest.raises(DataFileError, match=f"{taken} is used twice"):
        emu.seed({"users": [{"username": "ana", "boards": [{"id": taken, "name": "Clash"}]}]})


def test_code_that_builds_its_own_client_reaches_the_in_process_emulator(
    pinterest_emulator_inprocess: PinterestEmulator, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    """The plugin's documented way for code under test that connects by itself: environment plus use_transport."""
    from pinterest_tools.http.transport import use_transport

    emu = pinterest_emulator_inprocess
    assert emu.transport is not None
    monkeypatch.setenv("PINTEREST_API_URI", emu.base_url)
    monkeypatch.setenv("PINTEREST_OAUTH_TOKEN_DIR", str(tmp_path))
    monkeypatch.setenv("ACCESS_TOKEN", emu.issue_token("penny_demo"))
    with use_transport(emu.transport), Pinterest() as client:
        me = client.user_account.get()
    assert me.username == "penny_demo"


@pytest.mark.parametrize("mode", ["socket", "inprocess"])
def test_a_slow_answer_times_out_and_a_stopped_emulator_refuses_in_both_modes(mode: str) -> None:
    with start_emulator(mode) as emu:
        http = httpx.Client(transport=emu.transport, base_url=emu.base_url + "/v5", headers=bearer(emu), timeout=0.1)
        with http, pytest.raises(httpx.ReadTimeout):
            http.get("/user_account", headers={"X-Emulator-Fault": "slow:1000"})
    with (
        httpx.Client(transport=emu.transport, base_url=emu.base_url + "/v5") as http,
        pytest.raises(httpx.ConnectError),
    ):
        http.get("/user_account")


@pytest.mark.anyio
async def test_async_slow_answer_times_out_in_process(pinterest_emulator_inprocess: PinterestEmulator) -> None:
    emu = pinterest_emulator_inprocess
    # Only the slow answer gets 0.1 s: in process the read timeout bounds the whole answer, and on
    # a loaded machine an ordinary one can take longer than that.
    async with httpx.AsyncClient(transport=emu.transport, base_url=emu.base_url, timeout=30) as http:
        with pytest.raises(httpx.ReadTimeout):
            await http.get("/v5/user_account", headers={**bearer(emu), "X-Emulator-Fault": "slow:1000"}, timeout=0.1)
        assert (await http.get("/v5/user_account", headers=bearer(emu))).status_code == 200
