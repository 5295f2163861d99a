"""Inline SVG charts of the indicators, for the HTML report.

Plain SVG markup: no scripts, no external files, no fonts to fetch. Coordinates are written
with fixed decimals and everything is laid out from the data alone, so the same series always
give the same bytes.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from zengshou.report.labels import labels
from zengshou.report.model import Series
from zengshou.text import fmt_number

W, H = 520, 240
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 34, 40
ACTUAL, DUE, TARGET = "#1f4e79", "#7f7f7f", "#c00000"


def _f(v: float) -> str:
    return f"{v:.1f}"


def _nice_max(v: float) -> float:
    """A round axis maximum at or above ``v``: 1, 2, 2.5, 5 × 10ⁿ."""
    if v <= 0:
        return 1.0
    mag = 10 ** (len(str(int(v))) - 1) if v >= 1 else 1.0
    for m in (1, 2, 2.5, 5, 10):
        if m * mag >= v:
            return m * mag
    return 10 * mag


def chart(s: Series, t: dict[str, str] | None = None) -> str:
    """Actual figures (solid, with values), the due line (dashed grey), the target (dashed red).
    ``t``: the report's labels (default Chinese)."""
    t = t or labels("zh")
    n = len(s.quarters)
    values = [v for v in s.actual + s.due if v is not None] + ([s.target] if s.target is not None else [])
    top = _nice_max(max(values) if values else 1.0)
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def x(i: int) -> float:
        return LEFT + (pw * (i + 0.5) / n if n else 0)

    def y(v: float) -> float:
        return TOP + ph * (1 - v / top)

    title = t["series_heading"].format(row=s.row, name=s.name, unit=s.unit)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
        f'role="img" aria-label="{escape(title, {chr(34): "&quot;"})}" font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<text x="{LEFT}" y="16" font-size="12" font-weight="bold">{escape(title)}</text>',
    ]
    for k in range(5):  # grid and y labels
        v = top * k / 4
        out.append(
            f'<line x1="{LEFT}" y1="{_f(y(v))}" x2="{W - RIGHT}" y2="{_f(y(v))}" stroke="#d9d9d9" stroke-width="1"/>'
        )
        out.append(f'<text x="{LEFT - 6}" y="{_f(y(v) + 4)}" text-anchor="end">{escape(fmt_number(v))}</text>')
    step = 1 if n <= 6 else (2 if n <= 12 else 4)  # a label every quarter only where they fit
    for i, q in enumerate(s.labels or s.quarters):
        if (n - 1 - i) % step:
            continue
        out.append(f'<text x="{_f(x(i))}" y="{H - BOTTOM + 16}" text-anchor="middle">{escape(q)}</text>')
    out.append(f'<line x1="{LEFT}" y1="{_f(y(0))}" x2="{W - RIGHT}" y2="{_f(y(0))}" stroke="#000" stroke-width="1"/>')
    if s.target is not None:
        out.append(
            f'<line x1="{LEFT}" y1="{_f(y(s.target))}" x2="{W - RIGHT}" y2="{_f(y(s.target))}" '
            f'stroke="{TARGET}" stroke-width="1.5" stroke-dasharray="6 4"/>'
        )
    due = [(x(i), y(v)) for i, v in enumerate(s.due) if v is not None]
    if len(due) > 1:
        out.append(
            f'<polyline fill="none" stroke="{DUE}" stroke-width="1.5" stroke-dasharray="3 3" points="'
            + " ".join(f"{_f(a)},{_f(b)}" for a, b in due)
            + '"/>'
        )
    pts = [(i, v) for i, v in enumerate(s.actual) if v is not None]
    if len(pts) > 1:
        out.append(
            f'<polyline fill="none" stroke="{ACTUAL}" stroke-width="2" points="'
            + " ".join(f"{_f(x(i))},{_f(y(v))}" for i, v in pts)
            + '"/>'
        )
    for i, v in pts:
        out.append(f'<circle cx="{_f(x(i))}" cy="{_f(y(v))}" r="3.5" fill="{ACTUAL}"/>')
        out.append(
            f'<text x="{_f(x(i))}" y="{_f(y(v) - 7)}" text-anchor="middle" fill="{ACTUAL}">{escape(fmt_number(v))}</text>'
        )
    # legend
    lx, ly = LEFT, H - 8
    legend = [(t["actual"], ACTUAL, "")]
    if any(v is not None for v in s.due):
        legend.append((t["due"], DUE, ' stroke-dasharray="3 3"'))
    legend.append((t["ceiling"] if s.ceiling else t["target"], TARGET, ' stroke-dasharray="6 4"'))
    for label, color, dash in legend:
        out.append(
            f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 18}" y2="{ly - 4}" stroke="{color}" stroke-width="2"{dash}/>'
        )
        out.append(f'<text x="{lx + 22}" y="{ly}">{escape(label)}</text>')
        lx += 90
    out.append("</svg>")
    return "\n".join(out)
