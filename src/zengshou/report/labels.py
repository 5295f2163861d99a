"""The words a report prints, in Chinese (default) and English.

Kept apart from the renderers so the Excel sheet, the HTML page and the tests read the same
labels, and a custom HTML template can use them as ``t.<key>``.
"""

from __future__ import annotations

from zengshou.i18n import both, tr
from zengshou.messages import MESSAGES

#: report label key → ``{"zh", "en"}``: the catalogue's ``report.*`` messages, plus the shared
#: vocabulary under the keys templates already use (``kind_county``, ``role_lead``, ``draft``)
LABELS: dict[str, dict[str, str]] = {
    **{k[len("report."):]: both(k) for k in MESSAGES if k.startswith("report.")},
    **{f"role_{r}": both(f"role.{r}") for r in ("lead", "participant", "county", "other")},
    **{f"kind_{k}": both(f"kind.{k}") for k in ("department", "other", "county", "group")},
    "draft": both("state.draft"),
}

STATE_KEYS = ("missing", "invalid", "draft", "late", "on_time")


def labels(lang: str) -> dict[str, str]:
    """All labels in one language, as a flat dict (what templates see as ``t``)."""
    return {k: tr(v, lang) for k, v in LABELS.items()}
