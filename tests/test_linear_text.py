"""Worst-case inputs for every text measure a rule uses: each must take time linear in the text.

Issue 28: ``char_count`` on a run of regional indicators (🇨 repeated) was quadratic — the
``regex`` grapheme matcher counts the indicators before each break — so 64,000 of them took 8 s
and a 4 MB submission ran past two minutes. Each measure a rule family reads free text with
(the count, the squashed comparisons, the bidi check, the substring test of C406, the terminal
output) gets adversarial inputs, timed at n and 4n characters: linear takes about 4 times as
long, quadratic 16 times. Process CPU time, texts that fit the processor's cache and the best of
alternating samples keep this steady on a machine shared by many processes (wall-clock ratios
there swung from 3 to 11 for linear code); the old ``char_count`` measures 15.5 here. The
end-to-end case checks that ``validate`` finishes a 1 MB adversarial text within a bound a
quadratic matcher misses by minutes; bench/run.py holds the 4 MB budget.
"""

from __future__ import annotations

import json
import time

import pytest

from conftest import write
from zengshou.text import bidi_controls, char_count, has_bidi, is_placeholder, squash, visible

RI = "\U0001f1e8"  # REGIONAL INDICATOR SYMBOL LETTER C
#: one unit of each adversarial shape, repeated to build the text
SHAPES = {
    "regional indicators": RI,
    "regional indicators with marks": RI + RI + "\u0301",
    "combining marks": "\u0301",
    "zero-width joiners between emoji": "\U0001f468\u200d",
    "joiner after marks": "\u0301\u200d",
    "Hangul jamo": "\u1100\u1161\u11a8",
    "Indic conjuncts": "\u0915\u094d",
    "prepend": "\u0600",
    "invisible format characters": "\u200b\ufeff",
    "bidi controls": "\u202e\u2066",
    "terminal escapes": "\x1b[31m",
    "mixed": "二" + RI + "\u0301\u200d\U0001f468 \u3000",
    "near copies of a task": "a",
}

#: the measures, by the rule family that uses them
MEASURES = {
    "count (C405, the forms' and importers' 字数)": char_count,
    "squash (C404 placeholders, C406/C407/C408 comparisons)": lambda t: is_placeholder(t, squash(t)),
    "bidi (C409)": lambda t: (has_bidi(t), bidi_controls(t)[:1]),
    "terminal output (every message quoting a text)": visible,
    # C406 looks for the task's text inside the progress text: a needle that almost matches
    # everywhere is the substring search's worst case
    "task copy (C406)": lambda t: (TASK in squash(t)) or (squash(t) in TASK),
}
TASK = "a" * 299 + "b"


def cpu_time(f, text: str, calls: int) -> float:
    """CPU seconds of ``calls`` calls of ``f(text)``: the process's own time, which other
    processes on a busy machine do not inflate as they inflate the wall clock."""
    t = time.process_time()
    for _ in range(calls):
        f(text)
    return time.process_time() - t


def growth(f, unit: str, chars: int = 4_000, target: float = 0.003, rounds: int = 3) -> float:
    """CPU time for a text of 4n characters over CPU time for n (n about ``chars``: the texts
    stay in the processor's cache, so what is measured is the algorithm, not the memory), each
    sample repeating the call until it takes ``target`` seconds; the two sizes alternate and
    the best of ``rounds`` of each is compared. Linear: about 4; quadratic: about 16."""
    n = max(1, chars // len(unit))
    small, large = unit * n, unit * (4 * n)
    calls = 1
    while cpu_time(f, small, calls) < target and calls < 1 << 20:
        calls *= 2
    a = b = float("inf")
    for _ in range(rounds):
        a = min(a, cpu_time(f, small, calls))
        b = min(b, cpu_time(f, large, calls))
    return b / a


@pytest.mark.slow  # timing: texts up to 4 times as long, measured up to 4 times
@pytest.mark.parametrize("measure", MEASURES, ids=list(MEASURES))
@pytest.mark.parametrize("shape", SHAPES, ids=list(SHAPES))
def test_four_times_the_text_about_four_times_the_time(measure, shape):
    f, unit = MEASURES[measure], SHAPES[shape]
    ratio = growth(f, unit)
    for _ in range(3):  # a busy machine (2 cores, many runs): measure again before calling it quadratic
        if ratio < 8.0:
            break
        ratio = min(ratio, growth(f, unit))
    assert ratio < 8.0, f"{measure} on {shape}: a text 4 times as long took {ratio:.1f} times as long"


def test_regional_indicator_runs_count_as_flags():
    """The linear path counts what UAX #29 says: a pair of indicators is one flag, an odd one
    out is one more, and marks after an indicator join it."""
    assert char_count(RI * 64_000) == 32_000
    assert char_count(RI * 3) == 2
    assert char_count("a" + RI * 5 + "\u0301b") == 5
    assert char_count(RI + "\u200d" + RI) == 2  # a joiner extends the first; the second stands alone
    assert char_count("\u0600" + RI + RI) == 1  # a prepend joins the flag


def test_validate_a_megabyte_of_regional_indicators(cli, empty_data):
    """The issue's case end to end: before, a 1 MB text of indicators took minutes (C405 counts
    it); now validate reports C405 with the right count well within the bound."""
    text = RI * 250_000  # 1 MB in UTF-8
    write(
        empty_data / "progress" / "2023Q2" / "czj.yaml",
        f"unit: 市财政局\nquarter: 2023Q2\nitems:\n  - task: 13\n    progress: {text}\n",
    )
    t = time.perf_counter()
    r = cli("validate", "--data", empty_data, "--format", "json", "--no-cache")
    took = time.perf_counter() - t
    assert took < 30, f"validate took {took:.1f} s"
    (found,) = [f for f in json.loads(r.stdout)["findings"] if f["code"] == "C405"]
    assert found["params"]["count"] == 125_000


def test_the_linear_path_agrees_with_the_grapheme_matcher():
    """Random short texts from the characters that join or break around indicators: the count
    with runs replaced equals ``regex``'s own clusters (fast enough on short texts)."""
    import random

    from zengshou.text import _regexes, grapheme_count

    clusters, invisible = _regexes()
    alphabet = [RI, "\U0001f1f3", "\u0301", "\u200d", "\U0001f468", "\u0600", "a", "\u0915", "\u094d", "\u0903"]
    alphabet += ["\u200b", "\r", "\n", " ", "\ufe0f", "\u1100", "\u1161", "二"]
    rng = random.Random(28)
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        want = sum(1 for g in clusters.findall(text) if not invisible.fullmatch(g))
        assert grapheme_count(text) == want, ascii(text)
