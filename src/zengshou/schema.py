"""Run a Pydantic model over a loaded document, mapping its errors back to file:line:col."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from zengshou.findings import Finding
from zengshou.i18n import both
from zengshou.loader import Document

M = TypeVar("M", bound=BaseModel)

_WHAT = {
    "missing": ("缺少必填字段“{field}”", "missing required field '{field}'"),
    "extra_forbidden": ("未知字段“{field}”", "unknown field '{field}'"),
    "string_type": ("“{field}”应为文字", "'{field}' must be text"),
    "list_type": ("“{field}”应为列表（每项以“- ”开头）", "'{field}' must be a list (items start with '- ')"),
    "model_type": ("“{field}”应为“名称: 值”形式的映射", "'{field}' must be a mapping of `name: value`"),
    "model_attributes_type": ("“{field}”应为“名称: 值”形式的映射", "'{field}' must be a mapping of `name: value`"),
    "dict_type": ("“{field}”应为“名称: 值”形式的映射", "'{field}' must be a mapping of `name: value`"),
    "zs_row_number": (
        "“{field}”应为任务序号，如 1 或 70（不带前导零和小数）",
        "'{field}' must be a row number such as 1 or 70 (no leading zeros or decimals)",
    ),
    "zs_quarter": ("“{field}”应为季度，如 2023Q2", "'{field}' must be a quarter such as 2023Q2"),
    "zs_date_format": (
        "“{field}”应为日期，格式 YYYY-MM-DD，如 2023-07-05",
        "'{field}' must be a date written YYYY-MM-DD, e.g. 2023-07-05",
    ),
    "zs_date": ("“{field}”不是真实存在的日期：{value}", "'{field}' is not a real calendar date: {value}"),
    "int_parsing": ("“{field}”应为整数", "'{field}' must be a whole number"),
    "greater_than_equal": ("“{field}”太小：{msg}", "'{field}' is too small: {msg}"),
    "literal_error": ("“{field}”只能取：{expected}", "'{field}' must be one of: {expected}"),
}


def validate(doc: Document, model: type[M], code: str = "S108") -> M | None:
    """Return the model, or None after adding one finding per schema error to ``doc``."""
    if doc.data is None and doc.findings:
        return None
    if not isinstance(doc.data, dict):
        kind = "list" if isinstance(doc.data, list) else "text"
        params: dict[str, Any] = {"what": both("what.top_list" if kind == "list" else "what.top_text")}
        if isinstance(doc.data, str) and "：" in doc.data:
            params["hint"] = "fullwidth-colon"
        line, col = doc.pos(())
        doc.findings.append(Finding(code, doc.path, line, col, params))
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            etype = err["type"]
            if etype == "missing":
                line, col = doc.pos(loc[:-1], key=True)
            elif etype == "extra_forbidden":
                line, col = doc.pos(loc, key=True)
            else:
                line, col = doc.pos(loc)
            field = ".".join(str(p) for p in loc) or "(root)"
            zh, en = _WHAT.get(etype, ("“{field}”：{msg}", "'{field}': {msg}"))
            fmt = {
                "field": field,
                "msg": err.get("msg", ""),
                "expected": (err.get("ctx") or {}).get("expected", ""),
                "value": (err.get("ctx") or {}).get("value", err.get("input")),
            }
            if etype not in _WHAT:
                zh = "“{field}”" + _zh_msg(err)
            params = {"field": field, "type": etype, "what": {"zh": zh.format(**fmt), "en": en.format(**fmt)}}
            val = err.get("input")
            if isinstance(val, str) and "：" in val:
                params["hint"] = "fullwidth-colon"
            doc.findings.append(Finding(code, doc.path, line, col, params))
        return None


def _zh_msg(err: Mapping[str, Any]) -> str:
    msg = err.get("msg", "")
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    return "：" + msg.replace("{", "{{").replace("}", "}}")
