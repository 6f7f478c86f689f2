"""The ``tracing`` section of ``./dev bench``: what traces cost on the gateway's path. The
``gateway`` section's two endpoints (the no-work route and the member registry list) are
called directly (internal token) and through the gateway (API key), first with tracing off
(the platform as the other sections run it), then with tracing on: Jaeger started
(``./dev up --tracing``'s), every service restarted exporting its spans to it over OTLP/HTTP,
and the same calls made, every request traced; then once more with one request in ten
traced (``OTEL_TRACES_SAMPLER_ARG=0.1``). Afterwards the services are restarted without
tracing and Jaeger stopped, so the sections after this one measure what they always did.
Informational: the gateway ratio (gateway/direct) off and on, and the requests/s kept.
"""

from __future__ import annotations

import re
import time
import urllib.request
from dataclasses import asdict
from typing import Any

from common import GATEWAY_ENDPOINTS, Run, direct_and_gateway

from devstack import SERVICES, Stack

DROPPED = re.compile(r"^trace_spans_dropped_total\{[^}]*\} (\S+)$", re.M)


def _ratio(direct: Run, gateway: Run) -> float:
    return gateway.requests_per_s / direct.requests_per_s if direct.requests_per_s else 0.0


def _kept(on: Run, off: Run) -> float:
    return on.requests_per_s / off.requests_per_s if off.requests_per_s else 0.0


def _restart_all(stack: Stack) -> None:
    for service in SERVICES:
        stack.restart(service, report=False)


def _dropped(stack: Stack) -> int:
    """Spans dropped so far by every service (``/metrics``)."""
    total = 0.0
    for service in SERVICES:
        with urllib.request.urlopen(f"{stack.url(service.name)}/metrics", timeout=5) as answer:  # noqa: S310
            total += sum(float(v) for v in DROPPED.findall(answer.read().decode()))
    return round(total)


SAMPLED = "0.1"


def bench_tracing(stack: Stack, seconds: int, connections: int) -> dict[str, Any]:
    off = direct_and_gateway(stack, seconds, connections)
    stack.config["tracing"] = True
    try:
        stack.traces.start()
        _restart_all(stack)
        on = direct_and_gateway(stack, seconds, connections)
        time.sleep(2)  # the last batches exported (or dropped and counted)
        dropped = _dropped(stack)
        traced_services = stack.traces.services()
        stack.settings["OTEL_TRACES_SAMPLER_ARG"] = SAMPLED
        _restart_all(stack)
        sampled = direct_and_gateway(stack, seconds, connections)
    finally:
        stack.settings.pop("OTEL_TRACES_SAMPLER_ARG", None)
        stack.config["tracing"] = False
        _restart_all(stack)
        stack.traces.stop()
    print(
        f"\ntracing: wrk, {connections} connections, {seconds} s each; off, then on (every "
        "service exporting to Jaeger over OTLP/HTTP)\n"
    )
    header = (
        f"{'endpoint':<40} {'ratio off':>9} {'ratio on':>8} {'gw r/s off':>10} "
        f"{'gw r/s on':>9} {'direct off':>10} {'direct on':>9} {'gw p99 off':>10} {'on':>6} "
        f"{'10%: ratio':>10} {'gw r/s':>7}"
    )
    print(header)
    print("-" * len(header))
    rows: list[dict[str, Any]] = []
    for label in GATEWAY_ENDPOINTS:
        (a_off, b_off), (a_on, b_on), (a_s, b_s) = off[label], on[label], sampled[label]
        ratio_off, ratio_on, ratio_s = _ratio(a_off, b_off), _ratio(a_on, b_on), _ratio(a_s, b_s)
        print(
            f"{label:<40} {ratio_off:>9.2f} {ratio_on:>8.2f} {b_off.requests_per_s:>10.0f} "
            f"{b_on.requests_per_s:>9.0f} {a_off.requests_per_s:>10.0f} "
            f"{a_on.requests_per_s:>9.0f} {b_off.p99_ms:>8.1f}ms {b_on.p99_ms:>4.1f}ms "
            f"{ratio_s:>10.2f} {b_s.requests_per_s:>7.0f}"
        )
        rows.append(
            {
                "endpoint": label,
                "off": {"direct": asdict(a_off), "gateway": asdict(b_off)},
                "on": {"direct": asdict(a_on), "gateway": asdict(b_on)},
                "sampled_one_in_ten": {"direct": asdict(a_s), "gateway": asdict(b_s)},
                "ratio_off": round(ratio_off, 3),
                "ratio_on": round(ratio_on, 3),
                "ratio_sampled": round(ratio_s, 3),
                "gateway_rps_kept": round(_kept(b_on, b_off), 3),
                "gateway_rps_kept_sampled": round(_kept(b_s, b_off), 3),
            }
        )
    print(f"\n  spans dropped while on: {dropped}; services in Jaeger: {sorted(traced_services)}")
    return {"endpoints": rows, "spans_dropped": dropped, "traced_services": traced_services}
