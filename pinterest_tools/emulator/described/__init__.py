"""Described: the v5 operations answered from the description (Pinterest's and the supplement), not by hand.

The description's operations and schemas as read at run time (``schema_table``), every
operation sorted into a resource family and a kind (``families``), a schema checker and
value synthesizer (``synth``), the engine that serves every v5 operation no module in
``v5`` serves (``engine``), the documented filters and order of a stored family's list
(``list_filters``), the ids of other families a body names that must exist
(``references``), and what it hands on: objects kept as typed records (``typed_records``),
catalog items replayed from their batches (``catalog_items``), local inventory replayed
from its batches (``local_inventory``), customer list uploads, their file's records
counted when they are run (``customer_list_uploads``), objects that bulk changes
name by a field rather than an id (``named_objects``), what a bulk change's
``operation_type`` does (``operation_types``), a pin's product tags, kept as one list per
pin (``product_tags``), a business's invites, kept one per member or partner sent
(``business_invites``), and the fields Pinterest sets on stored objects, worked out from
the state (``server_fields``), and the rules Pinterest enforces on creates beyond the
schemas (``business_rules``), and the enum values 5.28.0 refuses in requests where the
description shares a wider enum (``request_enums``).
"""
