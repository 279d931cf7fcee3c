"""What attrs costs a process: its import, and every class ``attrs.define`` builds.

Usage: ``attrs_share.py import MODULE`` (import one module), ``attrs_share.py command
MODULE ARG...`` (run a command module as ``python -m MODULE ARG...`` would, its output
discarded) or ``attrs_share.py pages N`` (list N pins through the facade, as
``facade_pins.py`` does). ``import attrs`` is timed first, after ``import httpx``, which
every one of these imports anyway (so that the standard modules both use, ``typing``,
``re``, ..., count as httpx's, and the figure is what attrs adds); then
``attrs.define`` is wrapped, so that the generated modules, which take it from ``attrs``
when they are imported, build each class through the wrapper, which times the build.
Prints one JSON line: ``attrs_import`` and ``work`` (the import, command or listing) in
seconds, and the classes built (``classes``, ``build``) before and during a listing.
"""

import contextlib
import io
import json
import runpy
import sys
import time
from typing import Any

import httpx  # noqa: F401

started = time.perf_counter()
import attrs  # noqa: E402  (timed)

attrs_import = time.perf_counter() - started
built = {"classes": 0, "build": 0.0}
define = attrs.define


def timed_define(maybe_cls: Any = None, **options: Any) -> Any:
    """``attrs.define`` (with or without options) that adds each class build's time to ``built``."""

    def build(cls: type) -> Any:
        start = time.perf_counter()
        try:
            return define(cls, **options)
        finally:
            built["classes"] += 1
            built["build"] += time.perf_counter() - start

    return build if maybe_cls is None else build(maybe_cls)


attrs.define = timed_define  # type: ignore[assignment]
mode, rest = sys.argv[1], sys.argv[2:]
report: dict[str, Any] = {"attrs_import": attrs_import}
start = time.perf_counter()
if mode == "import":
    __import__(rest[0])
elif mode == "command":
    sys.argv = [rest[0], *rest[1:]]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        runpy.run_module(rest[0], run_name="__main__", alter_sys=True)
else:
    import pinterest_api_v5.api.pins.pins_list  # noqa: F401  (as facade_pins.py: imported before the listing)

    import pinterest_tools.rest.resources.pins  # noqa: F401
    from pinterest_tools.rest import Pinterest

    report["before"] = dict(built)
    built.update(classes=0, build=0.0)
    start = time.perf_counter()
    with Pinterest() as client:
        for count, _pin in enumerate(client.pins.list(page_size=250), 1):
            if count == int(rest[0]):
                break
report["work"] = time.perf_counter() - start
report |= built
print(json.dumps(report))
