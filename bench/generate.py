#!/usr/bin/env python3
"""Generate a synthetic data directory for benchmarks.

    python bench/generate.py OUT_DIR [--units 200] [--quarters 40] [--seed 1]

OUT_DIR/data gets a units.yaml with the real city departments plus synthetic county-level
governments up to --units reporting units, a tasks.yaml with the plan's 70 rows and a period
ending 2024Q4 and reaching back --quarters quarters (at least 12, to 2022Q1), and one submission per reporting unit per
quarter, each with every row the unit must report and a realistic Chinese text of 50–300
characters (--chars 280-300: the plan's full size, as clerks write near the limit). Every item
carries a 进展 (status), and every quarter's files carry the figures of the plan's indicators
(running totals that grow, shares around their targets, a few units behind, one above a
ceiling), so the report's charts and 滞后 lists are exercised at full load. A few units send
their files a day or more after the deadline. Output is deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from zengshou.indicators import COUNT_UNITS, definitions, reporters  # noqa: E402
from zengshou.lint import load_catalog  # noqa: E402
from zengshou.quarters import Quarter  # noqa: E402
from zengshou.yamlout import scalar, text_value  # noqa: E402

OPENERS = ["本季度", "二季度以来", "今年以来", "截至季度末", "按照方案部署，", "对照任务清单，", "围绕年度目标，"]
ACTIONS = [
    "组织开展",
    "统筹推进",
    "持续深化",
    "扎实推进",
    "召开专题会议部署",
    "联合相关部门开展",
    "指导各乡镇开展",
    "印发工作方案推动",
    "建立工作台账跟踪",
    "深入村屯调研推动",
]
OBJECTS = [
    "脱贫劳动力技能培训",
    "特色产业奖补",
    "消费帮扶活动",
    "就业帮扶车间建设",
    "乡村公益性岗位管理",
    "小额信贷政策宣传",
    "农村“三变”改革",
    "村级光伏电站运维",
    "易地搬迁后续扶持",
    "防止返贫动态监测",
    "农产品产销对接",
    "乡村旅游重点村培育",
]
RESULTS = [
    "累计培训{n}人次",
    "新增就业{n}人",
    "发放补贴{m}万元",
    "带动脱贫户{n}户增收",
    "新建帮扶车间{k}个",
    "开发岗位{n}个",
    "签订购销协议{k}份",
    "实现销售额{m}万元",
    "覆盖行政村{k}个",
    "排查重点对象{n}户",
]
CLOSERS = [
    "下一步将继续加强督促指导，确保各项措施落实落细。",
    "存在的问题是部分乡镇进度偏慢，已逐一督办。",
    "相关做法已形成经验材料。",
    "将于下季度开展专项督查。",
    "资金已全部拨付到位。",
    "",
]


def text(rng: random.Random, lo: int = 50, hi: int = 300) -> str:
    target = rng.randint(lo, hi)
    parts = [rng.choice(OPENERS)]
    while sum(len(p) for p in parts) < target:
        r = rng.choice(RESULTS).format(n=rng.randint(10, 9000), m=rng.randint(5, 900), k=rng.randint(1, 60))
        parts.append(f"{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}，{r}；")
    parts.append(rng.choice(CLOSERS))
    s = "".join(parts)
    return s[: target - 1].rstrip("；，") + "。"


STATUSES = ["持续推进"] * 5 + ["推进中"] * 3 + ["已完成"] * 2 + ["未启动"]


def figures(cat, q: Quarter, k: int, n: int, rng: random.Random) -> dict[tuple[str, int], list[tuple[str, str]]]:
    """(unit id, row) → [(indicator id, figure)] for quarter number ``k`` of ``n`` (1-based).

    Running totals reach about k/n of the target (one unit in eight lags at half pace); shares
    sit around their target (one unit in eight below it); a ceiling is kept but by one unit."""
    out: dict[tuple[str, int], list[tuple[str, str]]] = {}
    share = k / n
    for d in definitions(cat):
        ind = d.ind
        if ind.aggregation == "threshold" or ind.target is None:
            continue
        who = reporters(cat, d, q)
        for j, uid in enumerate(who):
            slow = (j + d.row) % 8 == 3
            t = float(ind.target)
            if ind.aggregation in ("cumulative", "count_by"):
                per = t if ind.per_unit else t
                v = per * min(1.0, share * (0.5 if slow else 1.05))
            elif ind.aggregation == "level":
                v = t * (0.9 if slow else 1.02)
            elif ind.aggregation == "per_year":
                v = t if q.q >= (ind.in_quarter or 1) else 0
            elif ind.aggregation == "monthly":
                v = 2 if slow else 3
            elif ind.aggregation == "at_most":
                v = t * (1.3 if slow else rng.uniform(0.3, 0.9))
            else:  # at_least
                v = min(100.0, t * (0.85 if slow else rng.uniform(1.0, 1.1)))
            text = str(round(v)) if ind.unit in COUNT_UNITS else f"{v:.1f}".removesuffix(".0")
            out.setdefault((uid, d.row), []).append((ind.id, text))
    return out


class Mix:
    """What ``--mix`` adds, from its own random stream (the texts stay those of the same seed
    without it): per unit and quarter a fate (most on time; some late, a few drafts and
    missing files), now and then a row left out, and per item a status that moves forward
    over the quarters (未启动 → 推进中/持续推进 → 已完成) and figures for the row's indicators
    near what is due by then (some ahead, some behind)."""

    FATES = (("on_time", 0.80), ("late", 0.10), ("draft", 0.03), ("missing", 0.07))

    def __init__(self, cat, seed: int):
        from zengshou.indicators import definitions, expected_share, reporters, total_target

        self.cat, self.rng = cat, random.Random(seed * 7919 + 26)
        self.defs = definitions(cat)
        self.expected_share, self.reporters, self.total_target = expected_share, reporters, total_target
        self.pace: dict[tuple[str, int], float] = {}  # (unit, row) → how fast it goes (0.6–1.4)
        self.done: set[tuple[str, int]] = set()

    def fate(self, uid: str, q) -> str:
        x, acc = self.rng.random(), 0.0
        for name, p in self.FATES:
            acc += p
            if x < acc:
                return name
        return "on_time"

    def late_days(self) -> int:
        return self.rng.randint(1, 20)

    def drop_row(self) -> bool:
        return self.rng.random() < 0.004

    def extra(self, uid: str, row: int, q) -> list[str]:
        pace = self.pace.setdefault((uid, row), self.rng.uniform(0.6, 1.4))
        start = Quarter.parse(self.cat.plan.period.start)
        elapsed = (q.year - start.year) * 4 + q.q - start.q + 1
        if (uid, row) in self.done or (elapsed >= 6 and self.rng.random() < 0.06 * pace):
            self.done.add((uid, row))
            status = "已完成"
        elif (elapsed * pace < 1.5 and self.rng.random() < 0.5) or self.rng.random() < 0.04:
            status = "未启动"
        else:
            status = self.rng.choice(("推进中", "推进中", "持续推进"))
        out = [f"    status: {status}"]
        figs = []
        for d in self.defs:
            if d.row != row or d.ind.aggregation == "threshold" or uid not in self.reporters(self.cat, d, q):
                continue
            share = self.expected_share(self.cat, d, q) or 0.0
            target = self.total_target(self.cat, d) or 0.0
            n = max(1, len(self.reporters(self.cat, d, q)))
            if d.ind.aggregation in ("at_least", "at_most", "monthly"):
                v = (d.ind.target or 0.0) * self.rng.uniform(0.9, 1.1)
            else:
                v = target / n * share * pace * self.rng.uniform(0.9, 1.1)
            if d.ind.unit == "%":
                v = min(v, 100.0)
            v = round(v) if d.ind.unit in ("人次", "名", "个", "家", "次", "人", "户", "月") else round(v, 1)
            figs.append(f"      {d.id}: {scalar(str(int(v) if v == int(v) else v))}")
        if figs:
            out += ["    figures:", *figs]
        return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--units", type=int, default=200, help="reporting units (lead units + counties)")
    ap.add_argument("--quarters", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--full", action="store_true", help="every text exactly 300 characters (the merge worst case)")
    ap.add_argument("--chars", default="50-300", metavar="MIN-MAX", help="text length range (default 50-300)")
    ap.add_argument(
        "--mix",
        action="store_true",
        help="a realistic mix (issue 26): item statuses (未启动/推进中/已完成/持续推进), figures for the rows' "
        "indicators, and some late, draft and missing files and missing rows",
    )
    a = ap.parse_args()
    lo, hi = (300, 300) if a.full else (int(x) for x in a.chars.split("-"))
    rng = random.Random(a.seed)
    data = a.out / "data"
    (data / "progress").mkdir(parents=True, exist_ok=True)

    # The period ends with the plan (2024Q4), all in the past, and reaches back --quarters
    # quarters (at least to 2022Q1, so the plan's dated targets stay inside it).
    period = [Quarter(2024, 4)]
    while len(period) < max(a.quarters, 12):
        period.insert(0, period[0].prev())
    quarters = period[-a.quarters :]  # the quarters that get submissions: the latest ones
    tasks = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8")
    tasks = re.sub(r"(\n    start: )\S+", rf"\g<1>{period[0]}", tasks, count=1)
    (data / "tasks.yaml").write_text(tasks, encoding="utf-8")

    real = load_catalog(ROOT / "data")[0]
    leads = [u for u in real.reporters() if real.by_id[u].kind != "county"]
    n_counties = max(17, a.units - len(leads))
    units = (ROOT / "data" / "units.yaml").read_text(encoding="utf-8")
    head, _, rest = units.partition("  # ---- groups: names in the table that stand for several offices ----")
    lines = [head.rstrip("\n"), "  # ---- synthetic county-level governments"]
    ids = [u.id for u in real.counties()]
    for i in range(n_counties - len(ids)):
        uid = f"county{i + 1:03d}"
        ids.append(uid)
        lines += [
            f"  - id: {uid}",
            f"    name: 示例第{i + 1}县人民政府",
            "    kind: county",
            f"    aliases: [示例第{i + 1}县]",
        ]
    lines += [
        "  - id: gxrmzf",
        "    name: 各县人民政府",
        "    kind: group",
        '    aliases: ["各县（市、区）人民政府", "各县（市、区，以下简称“县”）人民政府", 各县（市、区）]',
        f"    members: [{', '.join(ids)}]",
    ]
    groups = re.sub(r"  - id: gxrmzf\n(?:    .*\n|              .*\n)+", "", rest)
    lines.append(groups.rstrip("\n"))
    (data / "units.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    cat, findings = load_catalog(data)
    errs = [f for f in findings if f.level == "error"]
    if cat is None or errs:
        for f in errs:
            print(f.file, f.line, f.code, f.message("en"), file=sys.stderr)
        return 1
    count = 0
    mix = Mix(cat, a.seed) if a.mix else None  # --mix: fates, statuses and figures of its own
    for k, q in enumerate(quarters, 1):
        folder = data / "progress" / str(q)
        folder.mkdir(exist_ok=True)
        sent = cat.deadline(q) - timedelta(days=rng.randint(0, 5))
        figs = figures(cat, q, len(period) - len(quarters) + k, len(period), rng)
        for j, uid in enumerate(cat.reporters(q)):
            u = cat.by_id[uid]
            if mix:
                fate = mix.fate(uid, q)
                if fate == "missing":
                    continue
                day = cat.deadline(q) + timedelta(days=mix.late_days()) if fate == "late" else sent
                sent_line = "# submitted: (a draft)" if fate == "draft" else f"submitted: {day.isoformat()}"
            else:
                late = j % 11 == 7  # a few units send their file after the deadline
                when = cat.deadline(q) + timedelta(days=1 + j % 4) if late else sent
                sent_line = f"submitted: {when.isoformat()}"
            out = [
                f"unit: {scalar(u.name)}",
                f"quarter: {q}",
                sent_line,
                f"contact: {scalar('张三 0773-' + str(rng.randint(2000000, 2999999)))}",
                "items:",
            ]
            rows = cat.required_rows(uid, q)
            for row in rows:
                if mix:
                    if len(rows) > 2 and mix.drop_row():
                        continue
                    out += [f"  - task: {row}", f"    progress: {text_value(text(rng, lo, hi), 6)}"]
                    out += mix.extra(uid, row, q)
                    continue
                out += [
                    f"  - task: {row}",
                    f"    status: {rng.choice(STATUSES)}",
                    f"    progress: {text_value(text(rng, lo, hi), 6)}",
                ]
                pairs = figs.get((uid, row))
                if pairs:
                    out.append("    figures:")
                    out += [f"      {key}: {value}" for key, value in pairs]
            (folder / f"{uid}.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")
            count += 1
    print(f"wrote {count} submissions for {len(cat.reporters())} units × {len(quarters)} quarters under {data}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
