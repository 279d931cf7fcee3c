"""Typed errors: a missing pin, a token without a scope, a value Pinterest does not accept."""

from pinterest_tools import Pinterest
from pinterest_tools.errors import ApiStatusError, InsufficientScopeError, NotFoundError, PinterestError


def main(client: Pinterest, read_only: Pinterest) -> None:
    try:
        client.pins.get("1")
    except NotFoundError as error:
        print(f"not found: HTTP {error.status_code}, code {error.code}")
    try:
        read_only.boards.create(name="Not allowed")
    except InsufficientScopeError as error:
        print(f"missing scope: {', '.join(error.missing_scopes)}")
    try:
        client.boards.list(page_size=1000).first_page()
    except ApiStatusError as error:
        print(f"refused: HTTP {error.status_code}: {error.message}")
    try:
        client.with_options(max_retries=0, timeout=5).user_account.get()
    except PinterestError as error:  # the root of every error the library raises
        print(f"failed: {error}")
    else:
        print("user account read with one attempt and a 5 s timeout")


if __name__ == "__main__":
    with Pinterest() as client:
        main(client, client)
