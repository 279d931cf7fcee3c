"""The hand-modeled v3 description (specs/v3/openapi.yaml) and the client generated from it.

Checks that the description holds every call the quickstart's v3 commands make, that the
generated ``pinterest_api_v3`` package has one module per operation, that the fixtures
shaped like the captured v3 responses round-trip through the generated models, and that a
few calls encode their requests the way v3 wanted them (form PUT, JSON POST).
"""

from __future__ import annotations

import base64
import importlib
import json
import pkgutil
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx
import pinterest_api_v3
import pinterest_api_v3.api
import pytest
import yaml
from pinterest_api_v3 import AuthenticatedClient
from pinterest_api_v3.api.boards import boards_create, boards_pins_list
from pinterest_api_v3.api.oauth import oauth_token
from pinterest_api_v3.api.pins import pins_save
from pinterest_api_v3.api.users import users_get
from pinterest_api_v3.models import (
    Board,
    BoardCreateRequest,
    BoardCreateRequestPrivacy,
    BoardResponse,
    BoardSectionResponse,
    ErrorResponse,
    OauthTokenRequest,
    OauthTokenRequestGrantType,
    OauthTokenResponse,
    Pin,
    PinListResponse,
    PinResponse,
    PinSaveRequest,
    UserResponse,
)
from pinterest_api_v3.types import UNSET

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "specs" / "v3" / "openapi.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "v3"
BASE_URL = "https://api.pinterest.com"
HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}

# Every call the quickstart's v3 commands make (api-v3.md sections 2, 3 and 4.2).
REQUIRED_CALLS = [
    ("PUT", "/v3/oauth/access_token/"),
    ("GET", "/v3/users/{user}/"),
    ("GET", "/v3/users/{user}/boards/feed/"),
    ("GET", "/v3/users/{user}/pins/"),
    ("GET", "/v3/users/{user}/businesses/"),
    ("GET", "/v3/boards/{board}/"),
    ("PUT", "/v3/boards/"),
    ("DELETE", "/v3/boards/{board}/"),
    ("GET", "/v3/boards/{board}/pins/"),
    ("GET", "/v3/board/{board}/sections/"),
    ("PUT", "/v3/board/{board}/sections/"),
    ("GET", "/v3/board/sections/{section}/pins/"),
    ("GET", "/v3/pins/{pin}/"),
    ("PUT", "/v3/pins/"),
    ("POST", "/v3/partners/pins/{pin}/save/"),
    ("POST", "/v3/media/uploads/register/"),
    ("GET", "/v3/media/uploads/"),
    ("GET", "/v3/partners/analytics/users/{user}/metrics/"),
    ("GET", "/ads/v4/advertisers/"),
    ("GET", "/ads/v4/advertisers/{advertiser_id}/campaigns"),
    ("GET", "/ads/v4/advertisers/{advertiser_id}/ad_groups"),
    ("GET", "/ads/v4/advertisers/{advertiser_id}/ads"),
    ("GET", "/ads/v4/resources/delivery_metrics"),
    ("GET", "/ads/v4/advertisers/{advertiser_id}/delivery_metrics"),
    ("GET", "/ads/v4/advertisers/{advertiser_id}/campaigns/delivery_metrics"),
    ("GET", "/ads/v4/advertisers/{advertiser_id}/ad_groups/delivery_metrics"),
    ("GET", "/ads/v4/advertisers/{advertiser_id}/ads/delivery_metrics"),
    ("POST", "/ads/v4/advertisers/{advertiser_id}/delivery_metrics/async"),
    ("GET", "/ads/v4/advertisers/{advertiser_id}/delivery_metrics/async"),
]

# fixture file -> the generated envelope model it must parse into
FIXTURE_MODELS = {
    "users_me.json": UserResponse,
    "board.json": BoardResponse,
    "board_pins_page.json": PinListResponse,
    "board_pins_last_page.json": PinListResponse,
    "pin.json": PinResponse,
    "board_section.json": BoardSectionResponse,
    "oauth_token_documented.json": OauthTokenResponse,
    "oauth_token_quickstart.json": OauthTokenResponse,
    "error_auth.json": ErrorResponse,
}


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, op)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in HTTP_METHODS
    ]


def fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def client_with(handler: Any, *, token: str = "test-token", prefix: str = "Bearer") -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url=BASE_URL,
        token=token,
        prefix=prefix,
        httpx_args={"transport": httpx.MockTransport(handler)},
    )


# --------------------------------------------------------------------------- (a) modules


def test_every_operation_has_one_importable_module(spec):
    modules = [
        info.name
        for info in pkgutil.walk_packages(pinterest_api_v3.api.__path__, "pinterest_api_v3.api.")
        if not info.ispkg
    ]
    for name in modules:
        module = importlib.import_module(name)
        assert callable(module.sync_detailed), name
    op_ids = sorted(op["operationId"] for _, _, op in operations(spec))
    assert sorted(name.rsplit(".", 1)[1] for name in modules) == op_ids


def test_operation_conventions(spec):
    op_ids = [op["operationId"] for _, _, op in operations(spec)]
    assert len(op_ids) == len(set(op_ids))
    for _, _, op in operations(spec):
        assert op["operationId"] == op["operationId"].lower()
        assert len(op["tags"]) == 1
        assert op["operationId"].startswith(op["tags"][0] + "_")
    for key, schema in spec["components"]["schemas"].items():
        assert key[0].isupper(), key
        assert "title" not in schema, key


# --------------------------------------------------------------------------- (b) the calls


@pytest.mark.parametrize(("method", "path"), REQUIRED_CALLS)
def test_required_call_present(spec, method, path):
    assert method.lower() in spec["paths"].get(path, {}), f"{method} {path} missing"


def test_paths_prefixes_and_trailing_slashes(spec):
    assert spec["servers"] == [{"url": BASE_URL}]
    for path in spec["paths"]:
        if path.startswith("/v3/"):
            assert path.endswith("/"), path
        else:
            assert path.startswith("/ads/v4/"), path
            assert path.endswith("/") == (path == "/ads/v4/advertisers/"), path


def test_list_operations_page(spec):
    for _, path, op in operations(spec):
        schema_ref = op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        if not schema_ref.endswith("ListResponse"):
            continue
        names = {p["$ref"].rsplit("/", 1)[1] for p in op.get("parameters", []) if "$ref" in p}
        assert {"PageSize", "Bookmark"} <= names, path
    page_size = spec["components"]["parameters"]["PageSize"]["schema"]
    assert (page_size["minimum"], page_size["maximum"], page_size["default"]) == (1, 250, 25)


def test_security_and_errors(spec):
    scheme = spec["components"]["securitySchemes"]["pinterest_oauth2"]
    scopes = scheme["flows"]["authorizationCode"]["scopes"]
    assert len(scopes) == 19 + 8
    assert all(scopes.values())
    basic = spec["components"]["securitySchemes"]["basic"]
    assert (basic["type"], basic["scheme"]) == ("http", "basic")
    for method, path, op in operations(spec):
        assert op["responses"]["default"] == {"$ref": "#/components/responses/Error"}, path
        (requirement,) = op["security"]
        if path == "/v3/oauth/access_token/":
            assert requirement == {"basic": []}
        else:
            assert set(requirement) == {"pinterest_oauth2"}, (method, path)
            assert set(requirement["pinterest_oauth2"]) <= set(scopes)


def test_body_encodings(spec):
    encodings = {
        (method, path): next(iter(op["requestBody"]["content"]))
        for method, path, op in operations(spec)
        if "requestBody" in op
    }
    form = "application/x-www-form-urlencoded"
    assert encodings == {
        ("PUT", "/v3/oauth/access_token/"): form,
        ("PUT", "/v3/boards/"): form,
        ("PUT", "/v3/board/{board}/sections/"): form,
        ("PUT", "/v3/pins/"): form,
        ("POST", "/v3/partners/pins/{pin}/save/"): "application/json",
        ("POST", "/v3/media/uploads/register/"): "application/json",
        ("POST", "/ads/v4/advertisers/{advertiser_id}/delivery_metrics/async"): "application/json",
    }


# --------------------------------------------------------------------------- (c) fixtures


@pytest.mark.parametrize(("name", "model"), sorted(FIXTURE_MODELS.items()))
def test_fixture_round_trips(name, model):
    body = fixture(name)
    parsed = model.from_dict(body)
    assert parsed.to_dict() == body


def test_fixture_typed_values():
    page = PinListResponse.from_dict(fixture("board_pins_page.json"))
    assert page.bookmark
    assert all(isinstance(item, Pin) for item in page.data)
    assert page.data[1].parent_pin.id == page.data[0].id
    assert page.data[0].parent_pin is None
    assert page.data[0].image_large_size_pixels.width == 600
    last = PinListResponse.from_dict(fixture("board_pins_last_page.json"))
    assert last.bookmark is None
    assert "bookmark" not in last.to_dict()  # absent on the last page, and kept absent

    user = UserResponse.from_dict(fixture("users_me.json")).data
    assert (user.id, user.pin_count) == ("734368420396834766", 3)
    board = BoardResponse.from_dict(fixture("board.json")).data
    assert isinstance(board, Board)
    assert board.owner.id == user.id

    documented = OauthTokenResponse.from_dict(fixture("oauth_token_documented.json"))
    assert documented.access_token is None
    assert documented.data.access_token == "example-access-token"
    quickstart = OauthTokenResponse.from_dict(fixture("oauth_token_quickstart.json"))
    assert quickstart.access_token == "example-access-token"
    assert quickstart.data.refresh_token == "example-refresh-token"

    error = ErrorResponse.from_dict(fixture("error_auth.json"))
    assert (error.code, error.data, error.error.message) == (2, None, "None")


# --------------------------------------------------------------------------- (d) HTTP


def test_board_create_is_a_form_put():
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=fixture("board.json"))

    body = BoardCreateRequest(
        name="Balcony garden",
        description="Small-space planting ideas",
        privacy=BoardCreateRequestPrivacy.SECRET,
        initial_pins=["1", "2"],
    )
    with client_with(handler) as client:
        result = boards_create.sync(client=client, body=body)

    (request,) = seen
    assert request.method == "PUT"
    assert request.url.path == "/v3/boards/"
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert request.headers["authorization"] == "Bearer test-token"
    assert parse_qs(request.content.decode()) == {
        "name": ["Balcony garden"],
        "description": ["Small-space planting ideas"],
        "privacy": ["secret"],
        "initial_pins": ["1", "2"],
    }
    assert isinstance(result, BoardResponse)
    assert result.data.id == "424605139806979476"


def test_save_pin_is_a_json_post():
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=fixture("pin.json"))

    with client_with(handler) as client:
        result = pins_save.sync(
            "424605071116220331",
            client=client,
            body=PinSaveRequest(board_id="424605139806979476", board_section_id="5105000000000000001"),
        )

    (request,) = seen
    assert (request.method, request.url.path) == ("POST", "/v3/partners/pins/424605071116220331/save/")
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.content) == {
        "board_id": "424605139806979476",
        "board_section_id": "5105000000000000001",
    }
    assert isinstance(result, PinResponse)
    assert result.data.type_ == "pin"


def test_token_exchange_is_a_basic_auth_form_put():
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=fixture("oauth_token_quickstart.json"))

    credentials = base64.b64encode(b"app-id:app-secret").decode()
    body = OauthTokenRequest(
        grant_type=OauthTokenRequestGrantType.AUTHORIZATION_CODE,
        code="the-code",
        redirect_uri="http://localhost:8085/",
    )
    with client_with(handler, token=credentials, prefix="Basic") as client:
        result = oauth_token.sync(client=client, body=body)

    (request,) = seen
    assert (request.method, request.url.path) == ("PUT", "/v3/oauth/access_token/")
    assert request.headers["authorization"] == f"Basic {credentials}"
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qs(request.content.decode()) == {
        "grant_type": ["authorization_code"],
        "code": ["the-code"],
        "redirect_uri": ["http://localhost:8085/"],
    }
    assert isinstance(result, OauthTokenResponse)
    assert (result.access_token, result.data.refresh_token) == ("example-access-token", "example-refresh-token")


def test_board_pins_follow_the_bookmark():
    seen: list[httpx.Request] = []
    pages = [fixture("board_pins_page.json"), fixture("board_pins_last_page.json")]

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=pages[len(seen) - 1])

    pins: list[Pin] = []
    bookmark: Any = UNSET
    with client_with(handler) as client:
        while True:
            page = boards_pins_list.sync("424605139806979476", client=client, bookmark=bookmark, page_size=2)
            assert isinstance(page, PinListResponse)
            pins.extend(page.data)
            if not page.bookmark:
                break
            bookmark = page.bookmark

    assert [pin.id for pin in pins] == ["424605071128047979", "424605071128058038", "424605071116220331"]
    assert [request.url.path for request in seen] == ["/v3/boards/424605139806979476/pins/"] * 2
    assert "bookmark" not in seen[0].url.params
    assert seen[1].url.params["bookmark"] == pages[0]["bookmark"]
    assert seen[1].url.params["page_size"] == "2"


def test_error_envelope_is_parsed():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json=fixture("error_auth.json"))

    with client_with(handler) as client:
        response = users_get.sync_detailed("me", client=client)

    assert response.status_code == 401
    assert isinstance(response.parsed, ErrorResponse)
    assert response.parsed.code == 2
    assert response.parsed.message == "Authentication failed."
