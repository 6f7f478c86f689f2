"""Charts as inline SVG, drawn on the server: no script or CDN needed, and every number a
chart shows is text in the page (so people, screen readers and tests can read it), written
as the page's language writes numbers (Babel, :mod:`clusterkit.i18n`)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from markupsafe import Markup, escape

from clusterkit.i18n import N_, format_decimal, format_percent, gettext

WIDTH = 640
PLOT_LEFT = 48
PLOT_RIGHT = 12
PLOT_TOP = 16
PLOT_BOTTOM = 36


def number(value: Decimal | str | int | float | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value))


def _rounded(value: Decimal, places: int) -> Decimal:
    """Rounded half up (as people round) to ``places`` decimals."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent(share: Decimal | str | float | None, places: int = 1) -> str:
    """A share (0.1561) as a percentage text ("15.6%", "15,6%"); an em dash when unknown."""
    value = number(share)
    if value is None:
        return "—"
    return format_percent(_rounded(value * 100, places) / 100, places=places)


def amount(value: Decimal | str | float | None, places: int = 0) -> str:
    """A quantity with the language's separators ("148,500", "148 500")."""
    figure = number(value)
    return "—" if figure is None else format_decimal(_rounded(figure, places), places=places)


def target_text(target: Decimal) -> str:
    return gettext(None, N_("target {share}"), share=percent(target, 0))


def _fmt(x: float) -> str:
    return f"{x:.1f}"


def _frame(title: str, description: str, height: int, body: str, width: int = WIDTH) -> Markup:
    # Every text put into a chart goes through escape(); the rest is numbers.
    return Markup(  # noqa: S704
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'preserveAspectRatio="xMidYMid meet" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>{body}</svg>"
    )


def gauge(share: Decimal | None, target: Decimal, *, label: str, width: int = 480) -> Markup:
    """A horizontal bar 0-100% filled to ``share``, with a mark at ``target``."""
    height = 56
    inner = width - 2 * 8
    filled = float(min(max(share or Decimal(0), Decimal(0)), Decimal(1))) * inner
    at = 8 + float(target) * inner
    body = (
        f'<rect class="track" x="8" y="8" width="{inner}" height="24" rx="4"/>'
        f'<rect class="fill" x="8" y="8" width="{_fmt(filled)}" height="24" rx="4"/>'
        f'<line class="target" x1="{_fmt(at)}" y1="2" x2="{_fmt(at)}" y2="38"/>'
        f'<text class="tick" x="{_fmt(at)}" y="52" text-anchor="middle">'
        f"{escape(target_text(target))}</text>"
        f'<text class="value" x="{_fmt(8 + filled + 6)}" y="26">{escape(percent(share))}</text>'
    )
    against = N_("{share} against a target of {target}")
    description = gettext(None, against, share=percent(share), target=percent(target, 0))
    return _frame(label, description, height, body)


def _y_axis(
    height: int, top: Decimal, *, as_percent: bool, width: int = WIDTH
) -> tuple[str, float]:
    plot_h = height - PLOT_TOP - PLOT_BOTTOM
    ticks = []
    for i in range(5):
        value = top * i / 4
        y = PLOT_TOP + plot_h - plot_h * i / 4
        text = percent(value, 0) if as_percent else amount(value)
        ticks.append(
            f'<line class="grid" x1="{PLOT_LEFT}" y1="{_fmt(y)}" x2="{width - PLOT_RIGHT}" '
            f'y2="{_fmt(y)}"/><text class="tick" x="{PLOT_LEFT - 4}" y="{_fmt(y + 4)}" '
            f'text-anchor="end">{escape(text)}</text>'
        )
    return "".join(ticks), plot_h


def _x(i: int, count: int, width: int = WIDTH) -> float:
    span = width - PLOT_LEFT - PLOT_RIGHT
    return PLOT_LEFT + span * (i + 0.5) / max(count, 1)


def line_chart(
    points: Sequence[tuple[str, Decimal | None]],
    *,
    label: str,
    top: Decimal = Decimal(1),
    target: Decimal | None = None,
    width: int = 480,
) -> Markup:
    """Shares (0..top) per period as a line with a dot and a value label per point."""
    height = 240
    grid, plot_h = _y_axis(height, top, as_percent=True, width=width)

    def y(value: Decimal) -> float:
        return PLOT_TOP + plot_h - plot_h * float(min(value, top) / top)

    parts = [grid]
    if target is not None:
        parts.append(
            f'<line class="target" x1="{PLOT_LEFT}" y1="{_fmt(y(target))}" '
            f'x2="{width - PLOT_RIGHT}" y2="{_fmt(y(target))}"/>'
            f'<text class="tick target-label" x="{width - PLOT_RIGHT}" '
            f'y="{_fmt(y(target) - 4)}" text-anchor="end">{escape(target_text(target))}'
            "</text>"
        )
    coords = [
        (_x(i, len(points), width), y(value), period, value)
        for i, (period, value) in enumerate(points)
        if value is not None
    ]
    if coords:
        path = " ".join(f"{_fmt(cx)},{_fmt(cy)}" for cx, cy, _, _ in coords)
        parts.append(f'<polyline class="series" points="{path}"/>')
    for cx, cy, period, value in coords:
        parts.append(
            f'<g class="point"><circle cx="{_fmt(cx)}" cy="{_fmt(cy)}" r="3.5">'
            f"<title>{escape(period)}: {escape(percent(value))}</title></circle>"
            f'<text class="point-label" x="{_fmt(cx)}" y="{_fmt(cy - 8)}" '
            f'text-anchor="middle">{escape(percent(value))}</text></g>'
        )
    for i, (period, _) in enumerate(points):
        parts.append(
            f'<text class="tick" x="{_fmt(_x(i, len(points), width))}" y="{height - 14}" '
            f'text-anchor="middle">{escape(period[-2:] if len(period) == 7 else period)}</text>'
        )
    description = "; ".join(f"{p}: {percent(v)}" for p, v in points)
    return _frame(label, description, height, "".join(parts), width)


def columns(
    periods: Sequence[str],
    actual: Sequence[Decimal | None],
    plan: Sequence[Decimal | None],
    *,
    label: str,
    unit: str,
) -> Markup:
    """Actual per period as columns, the plan as a line over them."""
    height = 260
    highest = max([v for v in (*actual, *plan) if v is not None] or [Decimal(1)])
    top = _nice(highest)
    grid, plot_h = _y_axis(height, top, as_percent=False)
    span = (WIDTH - PLOT_LEFT - PLOT_RIGHT) / max(len(periods), 1)

    def y(value: Decimal) -> float:
        return PLOT_TOP + plot_h - plot_h * float(value / top)

    parts = [grid]
    for i, (period, value) in enumerate(zip(periods, actual, strict=True)):
        if value is None:
            continue
        top_y = y(value)
        parts.append(
            f'<rect class="column" x="{_fmt(_x(i, len(periods)) - span * 0.35)}" '
            f'y="{_fmt(top_y)}" width="{_fmt(span * 0.7)}" '
            f'height="{_fmt(PLOT_TOP + plot_h - top_y)}"><title>{escape(period)}: '
            f"{escape(amount(value))} {escape(unit)}</title></rect>"
        )
    planned = [(_x(i, len(periods)), y(value)) for i, value in enumerate(plan) if value is not None]
    if planned:
        path = " ".join(f"{_fmt(cx)},{_fmt(cy)}" for cx, cy in planned)
        parts.append(f'<polyline class="plan" points="{path}"/>')
    for i, period in enumerate(periods):
        parts.append(
            f'<text class="tick" x="{_fmt(_x(i, len(periods)))}" y="{height - 14}" '
            f'text-anchor="middle">{escape(period[-2:] if len(period) == 7 else period)}</text>'
        )
    description = "; ".join(
        gettext(None, N_("{period}: {actual} {unit} (plan {plan})"), period=p, actual=amount(a),
                unit=unit, plan=amount(pl))
        for p, a, pl in zip(periods, actual, plan, strict=True)
    )  # fmt: skip
    return _frame(label, description, height, "".join(parts))


def bars(rows: Sequence[tuple[str, Decimal, str]], *, label: str, width: int = 480) -> Markup:
    """Horizontal bars: (name, value, value text), scaled to the largest value."""
    row_h = 30
    height = max(len(rows), 1) * row_h + 8
    name_w = 175
    span = width - name_w - 125
    highest = max([value for _, value, _ in rows] or [Decimal(1)]) or Decimal(1)
    parts = []
    for i, (name, value, text) in enumerate(rows):
        y = 4 + i * row_h
        length = max(span * float(value / highest) if highest else 0.0, 1.0)
        parts.append(
            f'<g class="bar"><title>{escape(name)}: {escape(text)}</title>'
            f'<text class="name" x="{name_w - 8}" y="{y + 19}" '
            f'text-anchor="end">{escape(_fitted(name))}</text>'
            f'<rect x="{name_w}" y="{y + 4}" width="{_fmt(length)}" height="{row_h - 10}" '
            f'rx="3"/><text class="value" x="{_fmt(name_w + length + 6)}" '
            f'y="{y + 19}">{escape(text)}</text></g>'
        )
    description = "; ".join(f"{name}: {text}" for name, _, text in rows)
    return _frame(label, description, height, "".join(parts), width)


# What a bar's name may take beside the bar (its full name is the bar's title): Uzbek and
# Russian names run longer than English ones.
NAME_CHARACTERS = 24


def _fitted(name: str) -> str:
    return name if len(name) <= NAME_CHARACTERS else name[: NAME_CHARACTERS - 1].rstrip() + "…"


def _nice(value: Decimal) -> Decimal:
    """The next round number at or above ``value`` (1, 2, 2.5, 5 times a power of ten)."""
    if value <= 0:
        return Decimal(1)
    power = Decimal(10) ** (value.adjusted())
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if value <= power * step:
            return power * step
    return power * 10
