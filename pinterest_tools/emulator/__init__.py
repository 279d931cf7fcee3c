"""A local Pinterest API emulator: run every command with no Pinterest account.

Command line
============

::

    python -m pinterest_tools.emulator [--host 127.0.0.1] [--port 0] [--data FILE] [--dump FILE]
        [--latency-ms N] [--fault-rate P] [--fault-seed N] [--fault-kinds K,...] [--slow-ms N]
        [--rate-limit N/WINDOW] [--daily-quota N] [--rate-limits CATEGORY=N/WINDOW,...] [--sandbox]
        [--control-token TOKEN] [--allow-host NAME] [--token-lifetime SECONDS] [--auto-approve]
        [--report-polls N] [--report-outcome FINISHED|FAILED|CANCELLED]

prints the base URL it listens on (first line of stdout) and serves until interrupted.
It listens on loopback unless told otherwise. Point a client at it with
``PINTEREST_API_URI=<base URL>`` and ``PINTEREST_OAUTH_URI=<base URL>``; the demo app is
``DEMO_APP_ID`` / ``DEMO_APP_SECRET`` and any loopback redirect URI is accepted for it.

In process
==========

::

    from pinterest_tools.emulator import run_emulator

    with run_emulator(record=True) as emu:
        token = emu.issue_token("dexter_demo", ["boards:read"])
        ...  # talk to emu.base_url + "/v5"
        v3_token = emu.issue_token("dexter_demo", ["read_organic"], version=3)
        ...  # talk to emu.base_url + "/v3/..." and emu.base_url + "/ads/v4/..."
        emu.state.boards_of("dexter_demo"); emu.exchanges; emu.clock.advance(3600)

In the test suite, the ``emulator`` fixture (``tests/support/emulator.py``) gives a fresh
recording emulator per test and checks every v5 exchange against Pinterest's description,
and every v3 and ads v4 exchange against the project's ``specs/v3/openapi.yaml``.

Floors
======

The folders stand on floors: each imports only the folders on the floors below it, so the
kit every route uses is below the routes and the assembly is above them all. The public
entry points stand on top: this module, ``__main__`` (the command line), ``testing``,
``pytest_plugin`` and ``visit``. ``tests/cli/test_layout.py`` reads the floors from this
sketch and fails on an import of a folder on the same floor or above::

    serving/                   the assembly: app and middleware, server, in-process transport,
       |                       handle, data file, state page, media upload host, route table
    v5/  v3/                   the hand-written routes of each API, one module per area
       |
    described/                 the v5 operations answered from the description
       |
    analytics/  oauth_server/  made-up metrics and reports; the consent page, the token endpoint
       |
    core/                      what every route uses: settings, services, operation routes, access
       |
    wire/                      reading requests, writing answers (envelopes, errors, models)
       |
    auth/                      apps, tokens, scopes
       |
    data/                      records, ids, the shared state, the clock, the demo data

What each folder owns (its own docstring lists its modules):

- ``serving/``: the Starlette app and its middleware order, the middleware (recording,
  request ids and rate limits, faults), the uvicorn server, the socketless transport, the
  ``Emulator`` handle, the data-file format and merging a document into a running
  emulator, the state page and the media upload host.
- ``v5/`` and ``v3/``: the hand-written routes of each API, one module per area (``v3/``
  serves ads v4 too).
- ``described/``: the v5 operations answered from the description: its schema table,
  resource families, schema checks and synthesis, the engine, typed records, catalog items.
- ``analytics/``: deterministic metric values and rows, metric definitions, report dates,
  async reports and their request bodies, ad-targeting terms.
- ``oauth_server/``: the OAuth consent page (routes and HTML) and the token endpoint's
  grants.
- ``core/``: settings, the services every route and middleware reaches, routes declared
  by operation id (token, scope and trial-app checks), who may see what, media uploads.
- ``wire/``: reading requests (bodies, fields, paging), writing answers (envelopes, errors,
  v5 responses, records as v5 and v3 objects), and what the middleware keeps and decides
  (exchanges, rate limits, fault plans).
- ``auth/``: apps, tokens, scopes.
- ``data/``: records, ids, the shared state, the demo data, and the clock.

Which module serves which operation is the table "Which module serves an operation" in
docs/emulator.md, written from ``serving/route_table.py`` by ``nox -s generate``
(``specgen/emulator_routes.py``, which also writes the family summary below).

How each v5 resource family is answered: by a hand-written route, from the objects the
engine stores (created, read back, listed with the documented filters, updated, deleted),
or synthesized from the description and the question because the operation has no state
of its own in the emulator (Pinterest's own data: trends, targeting options, business
membership, billing documents, audience sizing). Written by the same command:

<!-- emulator-families:start -->

- ``ad_accounts``: 1 by a route; 2 from state
- ``ad_accounts/ad_groups``: 3 by a route; 3 from state; synthesized:
  ad_groups_audience_sizing, ad_groups_dynamic_titles_download_csv,
  ad_groups_dynamic_titles_get_status, ad_groups_dynamic_titles_get_upload_url,
  ad_groups_dynamic_titles_process_csv
- ``ad_accounts/ad_previews``: synthesized: ad_previews_create
- ``ad_accounts/ads``: 3 by a route; 3 from state
- ``ad_accounts/ads_credit``: synthesized: ads_credit_redeem, ads_credits_discounts_get
- ``ad_accounts/advertiser_defined_events``: 4 from state
- ``ad_accounts/analytics``: 1 by a route
- ``ad_accounts/audience_insights``: synthesized: audience_insights_get
- ``ad_accounts/audiences``: 4 from state; synthesized:
  ad_accounts_audiences_shared_accounts_list,
  update_ad_account_to_ad_account_shared_audience,
  update_ad_account_to_business_shared_audience
- ``ad_accounts/bid_floor``: synthesized: ad_groups_bid_floor_get
- ``ad_accounts/billing_invoice``: synthesized: billing_invoice_download_get
- ``ad_accounts/billing_invoices``: synthesized: billing_invoices_get
- ``ad_accounts/billing_profiles``: synthesized: billing_profiles_get
- ``ad_accounts/bulk``: 3 from state
- ``ad_accounts/campaign_ad_preview``: 3 from state
- ``ad_accounts/campaigns``: 3 by a route; 3 from state; synthesized:
  get_campaign_delivery_estimates
- ``ad_accounts/conversion_deletion_requests``: 4 from state
- ``ad_accounts/conversion_eqs``: synthesized: conversion_eqs_list
- ``ad_accounts/conversion_tags``: 3 from state; synthesized:
  ocpm_eligible_conversion_tags_get, page_visit_conversion_tags_get
- ``ad_accounts/customer_lists``: 7 from state
- ``ad_accounts/customer_segments``: 3 from state
- ``ad_accounts/events``: 1 by a route
- ``ad_accounts/insights``: synthesized: audience_insights_scope_and_type_get
- ``ad_accounts/keywords``: 3 from state; synthesized: country_keywords_metrics_get
- ``ad_accounts/labels``: 3 from state; synthesized: labels_apply, labels_remove
- ``ad_accounts/lead_forms``: 4 from state; synthesized: lead_form_test_create
- ``ad_accounts/leads``: 4 from state
- ``ad_accounts/leads_export``: 2 from state
- ``ad_accounts/mmm_reports``: 2 from state
- ``ad_accounts/msot``: synthesized: msot_events_create
- ``ad_accounts/order_lines``: synthesized: order_lines_get, order_lines_list
- ``ad_accounts/pins``: 1 by a route
- ``ad_accounts/product_group_promotions``: 4 from state
- ``ad_accounts/product_groups``: 1 by a route
- ``ad_accounts/promotion_applied_entities``: 1 by a route
- ``ad_accounts/promotions``: 5 from state
- ``ad_accounts/reports``: 2 by a route; 2 from state
- ``ad_accounts/sandbox``: synthesized: sandbox_delete
- ``ad_accounts/schedules``: 3 from state
- ``ad_accounts/ssio``: synthesized: ssio_accounts_get, ssio_insertion_order_create,
  ssio_insertion_order_edit, ssio_insertion_orders_status_get_by_ad_account,
  ssio_insertion_orders_status_get_by_pin_order_id, ssio_order_lines_get_by_ad_account
- ``ad_accounts/targeting_analytics``: 1 by a route
- ``ad_accounts/targeting_templates``: 3 from state
- ``ad_accounts/templates``: 1 from state; synthesized: templates_list
- ``ad_accounts/terms_of_service``: synthesized: terms_of_service_get
- ``advanced_auction/items``: synthesized: advanced_auction_items_get_post,
  advanced_auction_items_submit_post
- ``boards``: 4 by a route; 1 from state
- ``boards/pins``: 1 by a route
- ``boards/sections``: 3 by a route; 2 from state
- ``business_access/business_hierarchy``: 2 from state
- ``businesses/asset_groups``: synthesized: asset_group_create, asset_group_delete,
  asset_group_update
- ``businesses/assets``: synthesized: business_asset_members_get,
  business_asset_partners_get, business_assets_get
- ``businesses/audiences``: synthesized: business_account_audiences_shared_accounts_list,
  shared_audiences_for_business_list, update_business_to_ad_account_shared_audience,
  update_business_to_business_shared_audience
- ``businesses/employers``: synthesized: get_business_employers
- ``businesses/invites``: 4 from state; synthesized: create_asset_invites
- ``businesses/members``: synthesized: business_member_assets_get,
  business_members_asset_access_delete, business_members_asset_access_update,
  delete_business_membership, get_business_members, update_business_memberships
- ``businesses/partners``: synthesized: business_partner_asset_access_get,
  delete_business_partners, delete_partner_asset_access_handler_impl, get_business_partners,
  update_partner_asset_access_handler_impl
- ``businesses/requests``: synthesized: asset_access_requests_create
- ``businesses/system_users``: synthesized: system_user_update
- ``catalogs``: 2 from state
- ``catalogs/available_filter_values``: synthesized: catalogs_available_filter_values
- ``catalogs/feeds``: 5 from state; synthesized: feed_processing_results_list, feeds_ingest
- ``catalogs/items``: 3 from state
- ``catalogs/local_inventory_items``: 2 from state
- ``catalogs/local_stores``: 4 from state
- ``catalogs/processing_results``: synthesized: items_issues_list
- ``catalogs/product_groups``: 7 from state; synthesized: catalogs_product_group_pins_list,
  catalogs_product_groups_product_counts_get
- ``catalogs/products``: synthesized: products_by_product_group_filter_list
- ``catalogs/reports``: 2 from state; synthesized: reports_stats
- ``catalogs/supplemental_items``: 1 from state
- ``integrations``: synthesized: integrations_get_by_id, integrations_get_list
- ``integrations/commerce``: 4 from state
- ``integrations/logs``: synthesized: integrations_logs_post
- ``media``: 2 by a route; 1 from state
- ``notifications``: synthesized: notification_post
- ``oauth/conversion_token``: synthesized: oauth_conversion_token
- ``oauth/token``: 2 by a route
- ``pins``: 4 by a route; 1 from state
- ``pins/analytics``: 1 by a route; synthesized: multi_pins_analytics
- ``pins/product_tags``: 3 from state
- ``pins/save``: 1 by a route
- ``resources/ad_account_countries``: synthesized: ad_account_countries_get
- ``resources/delivery_metrics``: 1 by a route
- ``resources/lead_form_questions``: synthesized: lead_form_questions_get
- ``resources/metrics_ready_state``: synthesized: metrics_ready_state_get
- ``resources/targeting``: synthesized: interest_targeting_options_get,
  targeting_options_get
- ``search/boards``: synthesized: search_user_boards_get
- ``search/partner``: synthesized: search_partner_pins
- ``search/pins``: synthesized: search_user_pins_list
- ``terms/related``: 1 by a route
- ``terms/suggested``: 1 by a route
- ``trends/editorial_articles``: synthesized: trends_editorial_articles_list
- ``trends/keywords``: synthesized: trending_keywords_list
- ``trends/product_categories``: synthesized: trends_product_categories_details_list,
  trends_product_categories_trending_list
- ``trends/topics``: synthesized: trends_featured_topics_list
- ``user_account``: 1 by a route
- ``user_account/analytics``: 1 by a route; synthesized: user_account_analytics_top_pins,
  user_account_analytics_top_video_pins
- ``user_account/businesses``: synthesized: linked_business_accounts_get
- ``user_account/followers``: synthesized: followers_list
- ``user_account/following``: 2 from state; synthesized: boards_user_follows_list
- ``user_account/websites``: 3 from state; synthesized: website_verification_get
- ``users/interests``: synthesized: user_account_followed_interests
<!-- emulator-families:end -->

What is served
==============

One port serves v5 under ``/v5``, v3 under ``/v3``, ads v4 under ``/ads/v4``, the OAuth
consent page at ``/oauth/``, the media upload host at ``/_emulator/media-upload`` (and
customer list files' parts under ``/_emulator/customer-list-uploads/``), async
report downloads under ``/_emulator/reports/`` and the current state at
``/_emulator/state``. Responses are built with the generated models of
``pinterest_api_v5`` and ``pinterest_api_v3``; v3 and ads v4 answer in v3's envelope
``{status, code, message, data, endpoint_name, bookmark?}`` (errors: ``status:
"failure"`` with v3's codes). All versions share one state: a board created with v3 is
listed by v5. Every API response carries ``x-pinterest-rid`` and
``X-RateLimit-Limit``/``-Remaining``/``-Reset``.

- v5 (``v5/``): every one of the 266 operations of Pinterest's description and the
  project's supplement (``specs/v5/supplement/``). Written by hand: user account; boards,
  sections and their pins; pins (create, save, delete); media; ad accounts, campaigns, ad
  groups and ads (``campaign_ids``, ``ad_group_ids``,
  ``ad_ids``, ``entity_statuses``, ``order``); analytics of the user, a Pin, an ad
  account, campaigns, ad groups and ads, their targeting breakdowns, product groups and
  promoted Pins (``v5/breakdown_analytics.py``); delivery metric definitions; async reports;
  related and suggested terms; token revocation; conversion events (checked one by one:
  required fields, ``action_source``, ``event_time`` within 7 days, SHA-256 ``user_data``;
  ``test=true`` keeps nothing; see ``v5/conversion_events.py``). Everything else (pin and board
  updates, audiences, customer lists and uploads, keywords, conversion tags, catalogs,
  feeds, item batches, product groups and promotions, lead forms, targeting templates,
  bulk jobs, billing, business access, trends, ...) by a description-driven engine
  (``described/``): operations are sorted into resource
  families by method and path shape, requests are checked against the description (400
  code 1 naming the place), objects created in a family are kept (``resources`` in the
  data file, ``seed()``) and read back (only the fields they have: nothing optional is
  made up), listed (with the documented ``ids``, ``*_ids``, ``entity_statuses``,
  ``order`` and paging), updated (PATCH merges) and deleted, bulk and export
  jobs go IN_PROGRESS then finished like the reports, and every answer is synthesized
  from the documented success schema, filled with what the state holds and otherwise
  derived from the request, so the same question always gets the same answer. Ownership
  follows the rules below (another user's ad account, or anything in it, is a 404); the
  rules the description leaves open are chosen simply and written down in
  ``described/engine.py``. The description's schemas reach the emulator as
  ``pinterest_api_v5/schemas.json``, written by ``python -m specgen.generate``.
- v3 (``v3/``): users (``me``, an id or a username), boards feed (``include_empty``
  default true, ``include_archived`` default false, ``privacy_filter``, ``sort``), user
  pins, linked businesses, boards (create with PUT), board pins
  (``filter_section_pins`` default true), sections under ``/v3/board/``, pins (create
  with PUT, form fields), partner save, media register and status, partner analytics;
  ads v4: advertisers (``owner_user_id``, ``include_acl``), campaigns, ad groups, ads,
  metric definitions, delivery metrics at four levels, async reports. Every one of the
  29 operations of ``pinterest_api_v3.operations``.
- Analytics numbers are deterministic, derived from object ids, dates and metric names
  (``analytics/metric_values.py``): the same question always gets the same answer, WEEK rows add up their
  days, v5 and ads v4 agree. Dates are checked as dates, in order and (v5) within the
  description's 90 days back / 90 days long; enums and metric names are the
  description's; anything else is a 400 naming the parameter.
- Async reports (v5 and ads v4): IN_PROGRESS for ``--report-polls`` polls (default 1),
  then the outcome: FINISHED with a ``url`` on the emulator (CSV or JSON per
  ``report_format``, valid for an hour of the emulator's clock, then EXPIRED), or FAILED /
  CANCELLED when the ad account's ``report_outcome`` (data file) or ``--report-outcome``
  (``run_emulator(report_outcome="FAILED")``) says so. See ``analytics/async_reports.py``.

- Auth: bearer tokens from ``POST /v5/oauth/token`` (authorization_code, refresh_token with
  rotation under ``continuous_refresh=true`` or ``refresh_on=true``, client_credentials;
  Basic app credentials; every app counts as created before 2025-09-25, so a v5 refresh of
  a legacy refresh token without the flag is a 400, as the description says) or
  ``PUT /v3/oauth/access_token/`` (v3 tokens, v3's layouts).
  A missing, unknown or expired token gets 401 code 2; a missing scope (the description's,
  per operation) 401 code 3. An app with Trial access is answered as the live API answers it
  (``core/operation_routes.py``, ``trial_refusal``): pin create 403 code 29, pin edit and
  partner search 401 code 3 "restricted feature: ...", boards it creates seen by their
  creator alone. Pinterest's API sandbox is served under ``/sandbox`` (or everywhere with
  ``--sandbox``), refusing the operations marked ``x-sandbox: disabled``.
- Paging: ``page_size`` 1..250 (default 25, else 400 code 1; v3 code 22) and an opaque
  ``bookmark`` (v5: ``null`` on the last page; v3: at the envelope's root, absent on the
  last page).
- Rate limits: every v5 operation counts against its rate-limit category with Pinterest's
  numbers for the app's tier, plus Trial's universal 1,000 a day (``wire/rate_limits.py``;
  ``rate_limits`` scales them: ``ads_write=10/s``); a per-token burst limit
  (``--rate-limit``) and a daily quota per app (``--daily-quota``) apply when set. A short
  window answers 429 code 429 with ``Retry-After``; a spent day 429 code 8, reset hours away.
- Faults, by ``--fault-rate``/``--fault-seed`` (deterministic) or per request with the
  header ``X-Emulator-Fault: 500 | 502 | 503 | drop-before | drop-after | slow[:MS] |
  truncate | expire-token | 200-for-201`` (see ``serving/fault_injection.py``). ``200-for-201``
  answers 200 where the description documents 201, as the live API does for pins/save
  and board_sections/create: ``--fault-rate 1 --fault-kinds 200-for-201`` for every request.

Data file format
================

``--data FILE`` (and ``run_emulator(data=...)``) replaces the demo data with a JSON
document; ``--dump FILE`` writes the state in the same format on exit. Every field but
those marked *required* is optional. Ids are numeric strings; missing ids are handed
out in document order after the largest id in the file, so a file always loads the same
way. Times are ISO 8601 (``2024-03-01T12:00:00Z``); ads times are epoch seconds.

::

    {
      "format": 1,
      "next_id": 1000000000100,                  // optional: where new ids start
      "rate_limits": {"ads_write": "10/s"},      // optional: a category's limit replaced
      "apps": [{                                 // DEMO_APP_ID is always added unless defined here
        "id": "1484362", "secret": "...",        // required
        "name": "My app", "owner": "dexter_demo",
        "redirect_uris": ["https://example.com/cb"], "loopback_redirects": true,
        "scopes": ["boards:read", ...], "v3_scopes": ["read_boards", ...],  // default: all
        "tier": "Standard"                       // or "Trial": Pinterest's Trial access rules
      }],
      "users": [{                                // at least one; the first is the default user
        "id": "...", "username": "dexter_demo",  // username required and unique
        "full_name": "", "about": "", "account_type": "BUSINESS" | "PINNER",
        "website_url": "", "profile_image": "", "business_name": null,
        "follower_count": 0, "following_count": 0, "monthly_views": 0, "created_at": "...",
        "media": [{"id": "...", "media_type": "video",
                   "status": "registered" | "processing" | "succeeded" | "failed"}],
        "boards": [{
          "id": "...", "name": "Tequila",        // name required
          "description": "", "privacy": "PUBLIC" | "PROTECTED" | "SECRET", "created_at": "...",
          "archived": false, "is_ads_only": false, "follower_count": 0, "collaborator_count": 0,
          "category": "food_drink",              // v3's board category (v3 shows "other" without)
          "creator_only": false,                 // made with Trial access: seen by its owner alone
          "pins": [PIN, ...],                    // pins outside any section
          "sections": [{"id": "...", "name": "Cocktails", "created_at": "...", "pins": [PIN, ...]}]
        }],
        "ad_accounts": [{
          "id": "...", "name": "...", "country": "US", "currency": "USD",
          "created_time": 1577836800, "updated_time": 1577836800,
          "report_outcome": "FAILED",            // how its async reports end (default: --report-outcome)
          "campaigns": [{"id": "...", "name": "...", "status": "ACTIVE", "objective_type": "AWARENESS",
            "ad_groups": [{"id": "...", "name": "...", "status": "ACTIVE",
              "ads": [{"id": "...", "name": "...", "status": "ACTIVE", "pin_id": "...",
                       "creative_type": "REGULAR"}]}]}]
        }]                                       // any other ads field is passed through (v5, ads v4)
      }],
      "resources": [{                            // objects of the engine's families (described/engine.py)
        "id": "...",
        "family": "/ad_accounts/{ad_account_id}/audiences",   // required: a collection path
        "owner": "dexter_demo",                  // id or username (default: the first user)
        "parents": {"ad_account_id": "..."},     // required: the family's path parameters
        "fields": {"name": "Quilters", ...},     // the object's JSON, rendered through the
        "polls": 0                               // description's schema; polls: async jobs
      }]
    }

    PIN = {"id": "...", "title": "...", "description": "...", "link": "...", "alt_text": "...",
           "dominant_color": "#c8553d", "parent_pin_id": "...", "created_at": "...",
           "image": {"url": "https://...", "width": 1000, "height": 1500}      // exactly one of
           "video": {"media_id": "...", "cover_image_url": "https://...",     // image, video
                     "video_url": "...", "duration": 12.5, "width": 1080, "height": 1920},
           "carousel": [{"url": "https://...", "width": 1000, "height": 1500,  // and carousel
                         "title": "...", "description": "...", "link": "..."}, ...]}  // 2 to 5

Starlette and uvicorn (the ``emulator`` extra) are imported only when an emulator starts:
the demo credentials below can be imported without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pinterest_tools.emulator.auth.apps import DEMO_APP_ID, DEMO_APP_NAME, DEMO_APP_SECRET
from pinterest_tools.emulator.data.demo_data import DEMO_USER, SECOND_USER

if TYPE_CHECKING:
    from pinterest_tools.emulator.serving.handle import Emulator, run_emulator

__all__ = [
    "DEMO_APP_ID",
    "DEMO_APP_NAME",
    "DEMO_APP_SECRET",
    "DEMO_USER",
    "SECOND_USER",
    "Emulator",
    "run_emulator",
]


def __getattr__(name: str) -> Any:
    if name in ("Emulator", "run_emulator"):
        from pinterest_tools.emulator.serving import handle  # needs the ``emulator`` extra

        return getattr(handle, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
