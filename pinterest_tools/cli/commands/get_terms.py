"""Show related or suggested ad-targeting terms.

TERMS is a comma-separated list. -r/--related reads GET /v5/terms/related?terms=... and
prints --- Related Terms --- with the first input term, the count and, per term, its
related terms. -s/--suggested takes a single term and reads GET /v5/terms/suggested
(--limit 1..10 suggestions, Pinterest's default 4) and prints --- Suggested Terms ---.
Exactly one of -r and -s is needed. --json prints the API's answer as one JSON document.
The terms endpoints exist only in API v5.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pinterest_tools.cli.shared.common import add_common_arguments, config_from_args, run
from pinterest_tools.cli.shared.organic import (
    CommandParser,
    add_json_argument,
    bounded_int,
    emit,
    json_text,
    open_api,
    scopes,
)
from pinterest_tools.cli.shared.summaries import CLOSING
from pinterest_tools.errors import UsageError

SCOPES = scopes("ads:read", "")
MAX_LIMIT = 10


# --limit: the description's range (upstream did not check).
limit = bounded_int("limit", 1, MAX_LIMIT)


def related_lines(related: dict[str, Any]) -> list[str]:
    lines = ["--- Related Terms ---", f"First Input Term: {related.get('id', '')}"]
    lines.append(f"Count: {related.get('related_term_count', '')}")
    for entry in related.get("related_terms_list") or []:
        lines.append(f"Term: {entry.get('term', '')}")
        lines.extend(f"  Related Term: {term}" for term in entry.get("related_terms") or [])
    return [*lines, CLOSING]


def suggested_lines(terms: Sequence[str]) -> list[str]:
    return ["--- Suggested Terms ---", *(f"Term: {term}" for term in terms), CLOSING]


def _main(argv: Sequence[str]) -> int:
    parser = CommandParser("get_terms", __doc__)
    parser.add_argument("terms", metavar="TERMS", help="comma-separated list of terms")
    parser.add_argument("-r", "--related", action="store_true", help="get related terms")
    parser.add_argument("-s", "--suggested", action="store_true", help="get suggested terms")
    parser.add_argument("-n", "--limit", type=limit, help=f"how many suggested terms, 1..{MAX_LIMIT} (default 4)")
    add_json_argument(parser)
    add_common_arguments(parser)
    args = parser.parse_args(argv)
    terms = [term.strip() for term in args.terms.split(",") if term.strip()]
    if not terms:
        parser.error("no terms given")
    if not args.related and not args.suggested:
        parser.error("Please specify --related or --suggested")
    if args.related and args.suggested:
        parser.error("Please specify only one of --related or --suggested")
    if args.related and args.limit is not None:
        parser.error("--limit applies only to --suggested")
    if args.suggested and len(terms) > 1:
        parser.error("--suggested takes a single term")
    if config_from_args(args).version == 3:
        from pinterest_tools.cli.adapter.v3_ads import TERMS_V5_ONLY

        raise UsageError(TERMS_V5_ONLY)
    with open_api(args, SCOPES) as api:
        if args.related:
            related = api.related_terms(terms)
            print(json_text(related)) if args.json else emit(related_lines(related), print)
        else:
            suggested = api.suggested_terms(terms[0], args.limit)
            print(json_text(suggested)) if args.json else emit(suggested_lines(suggested), print)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run(_main, argv)


if __name__ == "__main__":
    raise SystemExit(main())
