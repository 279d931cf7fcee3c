"""Core: what every route and middleware uses, whichever API it serves.

The knobs of the command line and of ``run_emulator()`` (``settings``), the bundle of
moving parts every route and middleware reaches (``services``), the declaration of a
route by operation id with its token, scope and trial-app checks (``operation_routes``),
who may see and change which object (``access``), which ``Host`` names the browser-facing
pages answer (``hosts``), a registered media's signed upload form and processing
(``media_upload``), and the signed part URLs of a customer list upload (``list_upload_parts``).
"""
