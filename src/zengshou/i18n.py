"""Language choice and message lookup. Simplified Chinese is the users' language; English is one
flag away (``--lang en`` / ``ZENGSHOU_LANG=en``).

Every user-facing string lives in :mod:`zengshou.messages` (message id → Chinese, English) and is
looked up with :func:`t`. Code never branches on the language: when something differs between the
languages (a separator, a date, a template file name) it is a message too.

Help texts are read by Typer when the command modules are imported, so the language of the help
is chosen before that: ``zengshou.cli.main`` reads ``--lang`` from the command line and calls
:func:`set_ui_lang`; without it :func:`ui_lang` falls back to ``ZENGSHOU_LANG``.
"""

from __future__ import annotations

import os
from datetime import date

from zengshou.messages import MESSAGES

LANGS = ("zh", "en")

_ui_lang: str | None = None


def pick(lang: str | None = None) -> str:
    """``zh`` or ``en`` from an option value, else ``ZENGSHOU_LANG``, else ``zh``."""
    lang = (lang or os.environ.get("ZENGSHOU_LANG") or "zh").lower()
    return "en" if lang.startswith("en") else "zh"


def set_ui_lang(lang: str | None) -> None:
    """The language of help and of anything printed before a command has parsed ``--lang``."""
    global _ui_lang
    _ui_lang = pick(lang) if lang else None


def ui_lang() -> str:
    return _ui_lang or pick(None)


def lang_in_argv(argv: list[str]) -> str | None:
    """The value of ``--lang X`` / ``--lang=X`` on a command line, if any."""
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return None


def t(key: str, lang: str | None = None, /, **params: object) -> str:
    """The message ``key`` in ``lang`` (default: the interface language), formatted with ``params``."""
    text = MESSAGES[key][LANGS.index(lang if lang in LANGS else ui_lang())]
    return text.format(**params) if params else text


def both(key: str, /, **params: object) -> dict[str, str]:
    """The message in both languages, ``{"zh": …, "en": …}`` (what a library exception carries)."""
    return {lang: t(key, lang, **params) for lang in LANGS}


def tr(pair: dict[str, str] | str, lang: str) -> str:
    """One language of a ``{"zh": …, "en": …}`` pair (rule texts, exceptions' messages)."""
    if isinstance(pair, str):
        return pair
    return pair.get(lang) or pair["zh"]


def localized(zh: str, en: str | None, lang: str) -> str:
    """A name the data gives in Chinese and perhaps English (an indicator's ``name_en``)."""
    return tr({"zh": zh, "en": en or zh}, lang)


def join(items, lang: str) -> str:
    """Items joined with the language's list separator (、 or ", ")."""
    return t("sep.list", lang).join(str(i) for i in items)


def paren(text: str, note: str, lang: str) -> str:
    """``text（note）`` or ``text (note)``."""
    return t("fmt.paren", lang, text=text, note=note)


def long_date(d: date, lang: str) -> str:
    """2023年7月4日 / 4 July 2023."""
    return t("fmt.date", lang, year=d.year, month=d.month, day=d.day, month_name=f"{d:%B}")


def short_date(d: date, lang: str) -> str:
    """7月4日 / 4 Jul: the narrow tables' form of a date within the quarter's year."""
    return t("fmt.date_short", lang, month=d.month, day=d.day, month_abbr=f"{d:%b}")
