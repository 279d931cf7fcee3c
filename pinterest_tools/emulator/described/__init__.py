"""Described: the v5 operations answered from Pinterest's description, not by hand.

The description's operations and schemas as read at run time (`schema_table`), every
operation sorted into a resource family and a kind (`families`), a schema checker and
value synthesizer (`synth`), the engine that serves every v5 operation no module in
`v5` serves (`engine`), the documented filters and order of a stored family's list
(`list_filters`), the ids of other families a body names that must exist
(`references`), and what it hands on: objects kept as typed records
(`typed_records`) and catalog items replayed from their batches (`catalog_items`).
"""
