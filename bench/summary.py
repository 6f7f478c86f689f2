"""The one table at the end of ``./dev bench``: every figure of every section that ran, its
reference, the ratio, the target and pass/short. Built from the sections' JSON results, so
``bench/results/latest.json`` holds exactly what was printed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from common import Row, verdict

MEMORY_IDLE_MB = 150.0
MEMORY_LOADED_MB = 250.0


def _rps(value: float) -> str:
    return f"{value:,.0f}/s"


def _ms(value: float) -> str:
    return f"{value:,.1f} ms"


def gateway_rows(results: list[dict[str, Any]]) -> list[Row]:
    rows = []
    for r in results:
        direct, gateway = r["direct"], r["gateway"]
        endpoint = r["endpoint"].split(" (")[0]  # the section's own table has the details
        rows.append(
            Row(
                f"gateway / direct: {endpoint}",
                _rps(gateway["requests_per_s"]),
                f"direct {_rps(direct['requests_per_s'])}",
                f"{r['ratio']:.2f}",
                f">= {r['target_ratio']:.2f}",
                verdict(r["ratio"] >= r["target_ratio"]),
            )
        )
        rows.append(
            Row(
                f"  p99 added by the gateway: {endpoint}",
                _ms(r["added_p99_ms"]),
                f"direct {_ms(direct['p99_ms'])}",
                "",
                f"<= {r['target_added_p99_ms']:g} ms",
                verdict(r["added_p99_ms"] <= r["target_added_p99_ms"]),
            )
        )
    return rows


def endpoints_rows(result: dict[str, Any]) -> list[Row]:
    list_target, create_target = result["target_ratio_list"], result["target_ratio_create"]
    gateway_target = result["target_ratio_gateway"]
    p99_target, create_p99_ratio = result["target_p99_ms"], result["target_create_p99_ratio"]
    rows = []
    for service, figures in result["services"].items():
        listed, created = figures["list"], figures["create"]
        unfair = "" if listed["same_items"] else " (NOT the same items)"
        for label, run, base, against, ratio, target in (
            ("list direct / raw", listed["direct"], listed["reference"], "raw", listed["ratio"],
             list_target),
            ("list gateway / direct", listed["gateway"], listed["direct"], "direct",
             listed["gateway_ratio"], gateway_target),
            ("create direct / raw", created["direct"], created["reference"], "raw",
             created["ratio"], create_target),
        ):  # fmt: skip
            rows.append(
                Row(
                    f"{service} {label}" + (unfair if label.startswith("list direct") else ""),
                    _rps(run["requests_per_s"]),
                    f"{against} {_rps(base['requests_per_s'])}",
                    f"{ratio:.2f}",
                    f">= {target:.2f}",
                    verdict(ratio >= target),
                )
            )
        p99_ratio = created["direct"]["p99_ms"] / created["reference"]["p99_ms"]
        rows.append(
            Row(
                f"  {service} create p99 direct / raw p99",
                _ms(created["direct"]["p99_ms"]),
                f"raw {_ms(created['reference']['p99_ms'])}",
                f"{p99_ratio:.2f}",
                f"<= {create_p99_ratio:g}",
                verdict(p99_ratio <= create_p99_ratio),
            )
        )
        for label, run, base in (
            ("list p99 direct", listed["direct"], listed["reference"]),
            ("list p99 gateway", listed["gateway"], listed["reference"]),
            ("create p99 direct", created["direct"], created["reference"]),
        ):
            rows.append(
                Row(
                    f"  {service} {label} ({result['connections']} conn.)",
                    _ms(run["p99_ms"]),
                    f"raw {_ms(base['p99_ms'])}",
                    "",
                    f"<= {p99_target:g} ms",
                    verdict(run["p99_ms"] <= p99_target),
                )
            )
    return rows


def events_rows(result: dict[str, Any]) -> list[Row]:
    drain, latency = result["drain"], result["latency"]
    reference = result["latency_reference"]
    rows = [
        Row(
            f"outbox relay drain ({drain['rows']:,} rows)",
            _rps(drain["relay_events_per_s"]),
            f"bare {_rps(drain['bare_events_per_s'])}",
            f"{drain['ratio']:.2f}",
            f">= {drain['target_events_per_s']:,}/s",
            verdict(drain["pass"]),
        )
    ]
    for name, figures in latency["projections"].items():
        p99, base = figures["p99_ms"], reference["projections"][name]["p99_ms"]
        ok = p99 is not None and p99 <= latency["target_p99_ms"] and not figures["missing"]
        rows.append(
            Row(
                f"event p99 membership -> {name} at {latency['rate_per_s']:g}/s",
                _ms(p99) if p99 is not None else "-",
                f"at {reference['rate_per_s']:g}/s {_ms(base)}" if base is not None else "",
                f"{p99 / base:.1f}" if p99 and base else "",
                f"<= {latency['target_p99_ms']:g} ms",
                verdict(ok),
            )
        )
    return rows


def import_rows(result: dict[str, Any]) -> list[Row]:
    return [
        Row(
            f"production import ({result['rows']:,} CSV rows)",
            _rps(result["service_rows_per_s"]),
            f"COPY {_rps(result['copy_rows_per_s'])}",
            f"{result['ratio']:.2f}",
            f">= {result['target_rows_per_s']:,}/s",
            verdict(result["pass"]),
        )
    ]


def keyset_rows(result: dict[str, Any]) -> list[Row]:
    page = result["page"]
    deep, first = result[f"page_{page}"], result["page_1"]
    return [
        Row(
            f"members page {page:,} / page 1, p50 ({result['members']:,} rows)",
            _ms(deep["p50_ms"]),
            f"page 1 {_ms(first['p50_ms'])}",
            f"{result['ratio_p50']:.2f}",
            f"<= {result['target_ratio']:g}",
            verdict(result["pass"]),
        )
    ]


def kpi_rows(result: dict[str, Any]) -> list[Row]:
    return [
        Row(
            f"deep-processing KPI, {result['rows_inserted']:,} revisions, p50",
            _ms(result["service_p50_ms"]),
            f"SQL {_ms(result['raw_p50_ms'])}",
            f"{result['ratio']:.2f}",
            f"<= {result['target_ratio']:g}",
            verdict(result["pass"]),
        )
    ]


def exports_rows(result: dict[str, Any]) -> list[Row]:
    rows = []
    for format in ("csv", "xlsx"):
        if format not in result:
            continue
        r = result[format]
        rows.append(
            Row(
                f"export {format.upper()}, {result['rows']:,} members: rows/s",
                _rps(r["rows_per_s"]),
                f"{r['seconds']:.1f} s",
            )
        )
        rows.append(
            Row(
                f"  export {format.upper()}: peak RSS added",
                f"{r['rss_added_mb']:.0f} MB",
                f"peak {r['rss_peak_mb']:.0f} MB",
                "",
                f"<= {r['target_added_mb']:g} MB",
                verdict(r["pass"]),
            )
        )
    return rows


def memory_rows(result: dict[str, dict[str, float]]) -> list[Row]:
    rows = []
    for service, figures in result.items():
        idle, loaded = figures.get("idle_mb"), figures.get("after_load_mb")
        if idle is not None:
            rows.append(
                Row(
                    f"{service} resident memory, idle",
                    f"{idle:.0f} MB",
                    "",
                    "",
                    f"<= {MEMORY_IDLE_MB:g} MB",
                    verdict(idle <= MEMORY_IDLE_MB),
                )
            )
        if loaded is not None:
            rows.append(
                Row(
                    f"{service} resident memory, after the load",
                    f"{loaded:.0f} MB",
                    f"idle {idle:.0f} MB" if idle is not None else "",
                    "",
                    f"<= {MEMORY_LOADED_MB:g} MB",
                    verdict(loaded <= MEMORY_LOADED_MB),
                )
            )
    return rows


def ha_rows(result: dict[str, Any]) -> list[Row]:
    """Informational (no target on 2 cores): what the balancer and the second instances cost
    against one instance direct, and against the single-node gateway."""
    rows = []
    for what, label in (("list", "member registry list"), ("create", "application + key")):
        runs = result[what]
        direct, gateway, balanced = runs["direct"], runs["gateway"], runs["balanced"]
        rows.append(
            Row(
                f"ha: {label}, balancer (2 instances) / direct",
                _rps(balanced["requests_per_s"]),
                f"direct {_rps(direct['requests_per_s'])}",
                f"{balanced['requests_per_s'] / direct['requests_per_s']:.2f}",
                "info",
            )
        )
        rows.append(
            Row(
                f"  ha: {label}, balancer / single gateway",
                _rps(balanced["requests_per_s"]),
                f"gateway {_rps(gateway['requests_per_s'])}",
                f"{balanced['requests_per_s'] / gateway['requests_per_s']:.2f}",
                "info",
            )
        )
        rows.append(
            Row(
                f"  ha: {label} p99, balancer / direct",
                _ms(balanced["p99_ms"]),
                f"direct {_ms(direct['p99_ms'])}",
                f"{balanced['p99_ms'] / direct['p99_ms']:.2f}",
                "info",
            )
        )
    return rows


def tracing_rows(result: dict[str, Any]) -> list[Row]:
    """Informational: the gateway ratio with every service exporting its spans, against the
    same ratio with tracing off, in the same run."""
    rows = []
    for r in result["endpoints"]:
        endpoint = r["endpoint"].split(" (")[0]
        rows.append(
            Row(
                f"tracing on: gateway / direct, {endpoint}",
                _rps(r["on"]["gateway"]["requests_per_s"]),
                f"off {r['ratio_off']:.2f}",
                f"{r['ratio_on']:.2f}",
                "info",
            )
        )
        rows.append(
            Row(
                f"  tracing on / off: gateway r/s, {endpoint}",
                _rps(r["on"]["gateway"]["requests_per_s"]),
                f"off {_rps(r['off']['gateway']['requests_per_s'])}",
                f"{r['gateway_rps_kept']:.2f}",
                "info",
            )
        )
        rows.append(
            Row(
                f"  one request in ten traced / off: gateway r/s, {endpoint}",
                _rps(r["sampled_one_in_ten"]["gateway"]["requests_per_s"]),
                f"off {_rps(r['off']['gateway']['requests_per_s'])}",
                f"{r['gateway_rps_kept_sampled']:.2f}",
                "info",
            )
        )
    return rows


BUILDERS: dict[str, Callable[[Any], list[Row]]] = {
    "gateway": gateway_rows,
    "tracing": tracing_rows,
    "endpoints": endpoints_rows,
    "events": events_rows,
    "import": import_rows,
    "keyset": keyset_rows,
    "kpi": kpi_rows,
    "exports": exports_rows,
    "ha": ha_rows,
    "memory": memory_rows,
}


def summary(results: dict[str, Any]) -> list[Row]:
    """Rows of every section in ``results``, in the order the table lists sections."""
    return [
        row
        for section, build in BUILDERS.items()
        if section in results
        for row in build(results[section])
    ]
