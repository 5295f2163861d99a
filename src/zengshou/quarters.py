"""Quarters as values: ``2023Q2`` parses, compares, steps and knows its calendar."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from zengshou.i18n import t

_RE = re.compile(r"^\s*(\d{4})\s*[Qq]\s*([1-4])\s*$")


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    q: int

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        m = _RE.match(str(text))
        if not m:
            raise ValueError(f"not a quarter: {text!r} (expected e.g. 2023Q2)")
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def try_parse(cls, text: object) -> "Quarter | None":
        try:
            return cls.parse(str(text))
        except ValueError:
            return None

    def __str__(self) -> str:
        return f"{self.year}Q{self.q}"

    def next(self) -> "Quarter":
        return Quarter(self.year + 1, 1) if self.q == 4 else Quarter(self.year, self.q + 1)

    def prev(self) -> "Quarter":
        return Quarter(self.year - 1, 4) if self.q == 1 else Quarter(self.year, self.q - 1)

    @property
    def first_month(self) -> int:
        return 3 * (self.q - 1) + 1

    @property
    def start(self) -> date:
        return date(self.year, self.first_month, 1)

    @property
    def end(self) -> date:
        nxt = self.next()
        return date.fromordinal(nxt.start.toordinal() - 1)

    def label(self, lang: str = "zh") -> str:
        return t("fmt.quarter", lang, year=self.year, q=self.q, nth="一二三四"[self.q - 1])
