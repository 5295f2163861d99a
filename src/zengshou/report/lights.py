"""Lights: a state, a pace and a colour for each task and each (county × task) cell (issue 26).

The rules, in the order they are applied (docs/report.md "Lights", and the 口径说明 of the span
reports print the same sentences from the message catalogue):

**State** — from the unit's item in the quarter (what it typed under ``status:``):

* 未报 (``not_reported``): the unit must report the row and sent no report that quarter, or its
  report leaves the row out or empty, or the report is a draft (not sent) or could not be read;
* 已完成 (``done``): ``status: 已完成``;
* 未启动 (``not_started``): ``status: 未启动``;
* 推进中 (``ongoing``): any other text (``推进中``, ``持续推进`` or no status).

**Pace** (序时进度), only where the row has a tracked indicator with a target and figures:

* 欠 (``behind``): the indicator is 滞后 (:mod:`zengshou.indicators`: achieved below what is due
  by the quarter, a per-county minimum missed, a ceiling exceeded);
* 超 (``ahead``): 完成率 at least :data:`AHEAD_BY` (10 percentage points) above 序时进度;
* 达 (``on_pace``): otherwise.

A row with several indicators takes the worst pace. A county's cell takes the pace of that
county's own figure where the target applies to each county (``per_unit``, or a share/rate each
county reports); otherwise a county cell has no pace.

**Colour**: 灰 (grey) when 未报; else 红 (red) when 欠 or 未启动; else 绿 (green) when 已完成,
超 or 达; else 黄 (yellow: 推进中 with no figure to judge it by).

A task's light is its lead unit's state with the row's city-wide pace.
"""

from __future__ import annotations

from dataclasses import dataclass

from zengshou.indicators import BEHIND as IND_BEHIND
from zengshou.indicators import SUMMED, Progress
from zengshou.report.model import FILLED, Entry
from zengshou.report.span_model import COLOURS, GREEN, GREY, RED, YELLOW  # noqa: F401

DONE, ONGOING, NOT_STARTED, NOT_REPORTED = "done", "ongoing", "not_started", "not_reported"
STATES = (DONE, ONGOING, NOT_STARTED, NOT_REPORTED)
AHEAD, ON_PACE, BEHIND = "ahead", "on_pace", "behind"
PACES = (AHEAD, ON_PACE, BEHIND)
AHEAD_BY = 0.10  # 超序时进度: 完成率 this far above 序时进度 (10 percentage points)
_WORST = {AHEAD: 0, ON_PACE: 1, BEHIND: 2}


@dataclass(frozen=True)
class Light:
    state: str
    pace: str | None
    colour: str


def state_of(entry: Entry | None, shown: bool = True) -> str:
    """The state of one unit's entry on a row (``shown`` False: a draft the report leaves out)."""
    if entry is None or entry.state != FILLED or not shown:
        return NOT_REPORTED
    if entry.status == "已完成":
        return DONE
    if entry.status == "未启动":
        return NOT_STARTED
    return ONGOING


def colour(state: str, pace: str | None) -> str:
    if state == NOT_REPORTED:
        return GREY
    if pace == BEHIND or state == NOT_STARTED:
        return RED
    if state == DONE or pace in (AHEAD, ON_PACE):
        return GREEN
    return YELLOW


def light(state: str, pace: str | None) -> Light:
    return Light(state, pace, colour(state, pace))


def worst(paces: list[str | None]) -> str | None:
    known = [p for p in paces if p is not None]
    return max(known, key=_WORST.__getitem__) if known else None


def _compare(ratio: float, expected: float) -> str:
    if ratio < expected - 1e-9:
        return BEHIND
    return AHEAD if ratio - expected >= AHEAD_BY - 1e-9 else ON_PACE


def city_pace(p: Progress) -> str | None:
    """The pace of an indicator city-wide (None: no target, no figures, or a threshold)."""
    if p.reason or p.actual is None or p.target is None:
        return None
    if p.status == IND_BEHIND:
        return BEHIND
    if p.achieved is None or p.expected is None:  # ceilings (at_most): within the limit
        return ON_PACE
    return _compare(p.achieved, p.expected)


def unit_pace(p: Progress, uid: str) -> str | None:
    """The pace of one county's own figure, where the target applies to each county."""
    ind = p.ind
    got = p.units.get(uid)
    if got is None or ind.target is None or p.reason in ("threshold",):
        return None
    v = got[0]
    agg = ind.aggregation
    if agg == "at_most":
        return ON_PACE if v <= ind.target + 1e-9 else BEHIND
    if agg in ("at_least", "monthly"):
        return _compare(v / ind.target, 1.0) if ind.target else None
    if agg in SUMMED and ind.per_unit and ind.target:
        return _compare(v / ind.target, p.expected if p.expected is not None else 1.0)
    return None
