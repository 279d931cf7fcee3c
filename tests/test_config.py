"""Configuration: every upstream variable, the sandbox, the port, defaults, and the credentials message."""

from __future__ import annotations

from pathlib import Path

import pytest

from pinterest_tools.config import SANDBOX_API_URI, Config, parse_version
from pinterest_tools.errors import ConfigError


def test_defaults_match_upstream(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("platformdirs.user_config_path", lambda *a, **k: tmp_path / "cfg")
    config = Config.load(environ={})
    assert config.version == 5
    assert config.api_uri == "https://api.pinterest.com"
    assert config.api_base_url == "https://api.pinterest.com/v5"
    assert config.oauth_uri == "https://www.pinterest.com"
    assert config.redirect_port == 8085
    assert config.redirect_uri == "http://localhost:8085/"
    assert config.landing_uri is None
    assert config.sandbox is False
    assert config.token_dir == tmp_path / "cfg"
    assert config.token_dir_is_default
    assert config.app_id is None and config.app_secret is None


def test_default_token_dir_is_the_user_config_directory() -> None:
    import platformdirs

    config = Config.load(environ={})
    assert config.token_dir == platformdirs.user_config_path("pinterest-tools", appauthor=False)


def test_the_default_token_dir_is_looked_up_on_first_use_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A token in the environment needs no token directory: platformdirs is not even imported for it."""
    looked_up: list[str] = []

    def user_config_path(name: str, appauthor: bool) -> Path:
        looked_up.append(name)
        return tmp_path / "cfg"

    monkeypatch.setattr("platformdirs.user_config_path", user_config_path)
    config = Config.load(environ={})
    assert looked_up == [] and config.token_dir_is_default
    assert config.store_dir == tmp_path / "cfg" and config.token_dir == tmp_path / "cfg"
    assert looked_up == ["pinterest-tools"]  # once
    given = Config.load(environ={"PINTEREST_OAUTH_TOKEN_DIR": str(tmp_path / "mine"), "PINTEREST_SANDBOX": "1"})
    assert given.store_dir == tmp_path / "mine" / "sandbox" and looked_up == ["pinterest-tools"]


def test_every_variable_is_read() -> None:
    env = {
        "PINTEREST_APP_ID": "id",
        "PINTEREST_APP_SECRET": "secret",
        "PINTEREST_API_VERSION": "v3",
        "PINTEREST_API_URI": "http://127.0.0.1:9/",
        "PINTEREST_OAUTH_URI": "http://127.0.0.1:10",
        "PINTEREST_OAUTH_TOKEN_DIR": "/tmp/tok",
        "REDIRECT_LANDING_URI": "https://example.invalid/done",
        "PINTEREST_REDIRECT_PORT": "9999",
        "PINTEREST_TIMEOUT": "2.5",
    }
    config = Config.load(environ=env)
    assert config.version == 3
    assert (config.app_id, config.app_secret) == ("id", "secret")
    assert config.api_uri == "http://127.0.0.1:9"
    assert config.api_base_url == "http://127.0.0.1:9"  # v3 paths carry their own prefix
    assert config.oauth_uri == "http://127.0.0.1:10"
    assert config.token_dir == Path("/tmp/tok") and not config.token_dir_is_default
    assert config.landing_uri == "https://example.invalid/done"
    assert config.redirect_uri == "http://localhost:9999/"
    assert config.timeout == 2.5


@pytest.mark.parametrize(("raw", "expected"), [("3", 3), ("5", 5), ("v3", 3), ("V5", 5), (" v5 ", 5), (3, 3)])
def test_versions(raw: str, expected: int) -> None:
    assert parse_version(raw) == expected
    assert Config.load(environ={"PINTEREST_API_VERSION": str(raw)}).version == expected


def test_argument_beats_environment_and_bad_version_is_named() -> None:
    assert Config.load(version=3, environ={"PINTEREST_API_VERSION": "v5"}).version == 3
    with pytest.raises(ConfigError, match="PINTEREST_API_VERSION"):
        Config.load(environ={"PINTEREST_API_VERSION": "4"})


def test_version_specific_credentials_win_only_as_a_pair() -> None:
    env = {"PINTEREST_APP_ID": "generic", "PINTEREST_APP_SECRET": "gs", "PINTEREST_V3_APP_ID": "v3id"}
    assert Config.load(version=3, environ=env).app_id == "generic"
    env["PINTEREST_V3_APP_SECRET"] = "v3secret"
    config = Config.load(version=3, environ=env)
    assert (config.app_id, config.app_secret) == ("v3id", "v3secret")
    assert config.credential_variables == ("PINTEREST_V3_APP_ID", "PINTEREST_V3_APP_SECRET")
    assert Config.load(version=5, environ=env).app_id == "generic"


def test_missing_credentials_name_the_variables() -> None:
    config = Config.load(environ={"PINTEREST_APP_ID": "only-id"})
    with pytest.raises(ConfigError) as info:
        config.require_app_credentials()
    message = str(info.value)
    assert "PINTEREST_APP_ID and PINTEREST_APP_SECRET" in message and "\n" not in message
    assert info.value.exit_code == 1


def test_sandbox_switch_and_separate_token_directory() -> None:
    for config in (
        Config.load(sandbox=True, environ={"PINTEREST_OAUTH_TOKEN_DIR": "/t"}),
        Config.load(environ={"PINTEREST_SANDBOX": "1", "PINTEREST_OAUTH_TOKEN_DIR": "/t"}),
    ):
        assert config.sandbox
        assert config.api_uri == SANDBOX_API_URI
        assert config.api_base_url == "https://api-sandbox.pinterest.com/v5"
        assert config.store_dir == Path("/t/sandbox")
    assert Config.load(environ={"PINTEREST_OAUTH_TOKEN_DIR": "/t"}).store_dir == Path("/t")
    with pytest.raises(ConfigError, match="only for API v5"):
        Config.load(version=3, sandbox=True, environ={})


@pytest.mark.parametrize(
    ("name", "value"),
    [("PINTEREST_REDIRECT_PORT", "http"), ("PINTEREST_REDIRECT_PORT", "70000"), ("PINTEREST_TIMEOUT", "-1")],
)
def test_bad_numbers_are_config_errors(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        Config.load(environ={name: value})


def test_nothing_is_read_at_import() -> None:
    import subprocess
    import sys

    code = (
        "import os; os.environ['PINTEREST_API_VERSION'] = 'v3'; import pinterest_tools.config as c; "
        "os.environ['PINTEREST_API_VERSION'] = 'v5'; print(c.Config.load().version)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "5"
