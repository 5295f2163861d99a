"""Language choice. Simplified Chinese is the users' language; English is one flag away."""

from __future__ import annotations

import os

LANGS = ("zh", "en")


def pick(lang: str | None = None) -> str:
    lang = (lang or os.environ.get("ZENGSHOU_LANG") or "zh").lower()
    if lang.startswith("en"):
        return "en"
    return "zh"


def tr(pair: dict[str, str] | str, lang: str) -> str:
    if isinstance(pair, str):
        return pair
    return pair.get(lang) or pair["zh"]


# Interface words shared by the CLI and the reports.
WORDS: dict[str, dict[str, str]] = {
    "error": {"zh": "错误", "en": "error"},
    "warning": {"zh": "警告", "en": "warning"},
    "lead": {"zh": "牵头", "en": "lead"},
    "participant": {"zh": "配合", "en": "participating"},
    "county": {"zh": "县级", "en": "county"},
    "group": {"zh": "所在群组", "en": "via group"},
    "department": {"zh": "市直部门", "en": "city department"},
    "other": {"zh": "其他单位", "en": "other body"},
    "county_kind": {"zh": "县（市、区）人民政府", "en": "county-level government"},
    "group_kind": {"zh": "群组", "en": "group"},
}


def w(key: str, lang: str) -> str:
    return tr(WORDS[key], lang)
