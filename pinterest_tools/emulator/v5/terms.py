"""v5 ad-targeting terms: related terms for a list, suggestions for one (see ``analytics.targeting_terms``)."""

from __future__ import annotations

from pinterest_api_v5.models.related_terms import RelatedTerms
from pinterest_api_v5.models.related_terms_related_terms_list_item import RelatedTermsRelatedTermsListItem
from starlette.responses import JSONResponse, Response

from pinterest_tools.emulator.analytics import targeting_terms
from pinterest_tools.emulator.core.operation_routes import V5, Call, operation
from pinterest_tools.emulator.data.ids import digits
from pinterest_tools.emulator.wire import request_fields
from pinterest_tools.emulator.wire.errors import invalid
from pinterest_tools.emulator.wire.model_responses import model_response

DEFAULT_LIMIT, MAX_LIMIT = 4, 10  # the description's default and maximum for ``limit``


def terms_related_list(call: Call) -> Response:
    requested = [term.strip() for term in call.query_list("terms") if term.strip()]
    if not requested:
        raise invalid("terms: this parameter is required.")
    found = [
        RelatedTermsRelatedTermsListItem(term=term, related_terms=targeting_terms.related(term)) for term in requested
    ]
    count = sum(len(item.related_terms) for item in found if isinstance(item.related_terms, list))
    return model_response(RelatedTerms(id=requested[0], related_term_count=count, related_terms_list=found))


def terms_suggested_list(call: Call) -> Response:
    term = request_fields.required_text(call.query, "term").strip()
    if not term:
        raise invalid("term: this parameter is required.")
    raw = call.query.get("limit")
    if raw is None:
        limit = DEFAULT_LIMIT
    elif not digits(raw) or not 1 <= int(raw) <= MAX_LIMIT:
        raise invalid(f"limit: {raw!r} is not between 1 and {MAX_LIMIT}.")
    else:
        limit = int(raw)
    return JSONResponse(targeting_terms.suggested(term, limit))  # TermsSuggestedResponse is a bare list of strings


ROUTES = [
    operation(V5, "terms_related_list", terms_related_list),
    operation(V5, "terms_suggested_list", terms_suggested_list),
]
