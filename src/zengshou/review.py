"""The coordinator's decision on a unit's report (审核/退回), kept beside the report.

``zengshou review --quarter Q --unit U --return "意见"`` (or ``--accept``) appends a decision to
``progress/<Q>/<unit id>.review.json``. The submission itself is never touched: the clerk's file
stays as it was sent, and the decision sits beside it. The suffix is ``.json``, so no scan of
``*.yaml``/``*.yml`` (``validate``, ``status``, ``merge``, the cache) ever takes it for a
submission.

A decision holds for the file it was made on: it records the file's SHA-256. When the unit sends
a new version (another ``submitted`` date or any other change), the hash differs and the
decision no longer applies — a resubmission clears 退回 without anyone editing the record. The
history stays in the file (nothing is lost); the last entry is the current decision.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from zengshou.atomic import write_bytes

SUFFIX = ".review.json"
DECISIONS = ("returned", "accepted")
#: the longest comment kept (characters): a coordinator's 意见 is a paragraph, not a document
MAX_COMMENT = 2000
#: a record file larger than this is not read (bounded work on a damaged or hostile file)
MAX_BYTES = 1_000_000


class ReviewError(Exception):
    """A record cannot be read or written; ``key``/``params`` name the catalogue message."""

    def __init__(self, key: str, **params: object):
        self.key, self.params = key, params
        super().__init__(key)


@dataclass(frozen=True)
class Review:
    decision: str  # returned | accepted
    comment: str
    at: str  # ISO date-time with offset, when the coordinator decided
    sha256: str  # of the submission file it was made on
    file: str  # that file, as shown to the user
    submitted: str | None  # the file's submitted date then

    def as_dict(self) -> dict:
        return {
            "decision": self.decision,
            "comment": self.comment,
            "at": self.at,
            "sha256": self.sha256,
            "file": self.file,
            "submitted": self.submitted,
        }


def clean_comment(text: str) -> str:
    """The comment as it goes into mails, notices and the 工作底稿: line breaks kept, control and
    format characters (a terminal escape, a right-to-left override) dropped, at most
    :data:`MAX_COMMENT` characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    kept = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co"))
    return "\n".join(line.rstrip() for line in kept.strip().splitlines())[:MAX_COMMENT]


def review_path(data_dir: Path | str, quarter: str, unit_id: str) -> Path:
    return Path(data_dir) / "progress" / str(quarter) / f"{unit_id}{SUFFIX}"


def file_hash(path: Path | str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def history(data_dir: Path | str, quarter: str, unit_id: str) -> list[Review]:
    """Every decision recorded for the unit's report of the quarter, oldest first."""
    path = review_path(data_dir, quarter, unit_id)
    if not path.exists():
        return []
    try:
        if not path.is_file() or path.is_symlink():
            raise ReviewError("review.bad_record", path=path, reason="not a regular file")
        if path.stat().st_size > MAX_BYTES:
            raise ReviewError("review.bad_record", path=path, reason=f"larger than {MAX_BYTES} bytes")
        doc = json.loads(path.read_text(encoding="utf-8"))
        entries = doc["history"]
        return [
            Review(
                str(e["decision"]),
                str(e.get("comment") or ""),
                str(e["at"]),
                str(e["sha256"]),
                str(e.get("file") or ""),
                e.get("submitted"),
            )
            for e in entries
            if e.get("decision") in DECISIONS
        ]
    except ReviewError:
        raise
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise ReviewError("review.bad_record", path=path, reason=e) from e


def current(data_dir: Path | str, quarter: str, unit_id: str, file: Path | str | None) -> Review | None:
    """The decision that holds for the unit's file as it is now: the last one, if it was made
    on this very content. None when there is none, or the unit has sent a new version since."""
    found = history(data_dir, quarter, unit_id)
    if not found or file is None:
        return None
    last = found[-1]
    return last if last.sha256 == file_hash(file) else None


def record(
    data_dir: Path | str,
    quarter: str,
    unit_id: str,
    *,
    decision: str,
    comment: str,
    file: Path,
    shown: str,
    submitted: str | None,
    at: str,
) -> Review:
    """Append a decision on ``file`` (the unit's current submission) and return it."""
    if decision not in DECISIONS:
        raise ValueError(decision)
    digest = file_hash(file)
    if digest is None:
        raise ReviewError("review.cannot_read", path=shown)
    entry = Review(decision, clean_comment(comment), at, digest, shown, submitted)
    past = history(data_dir, quarter, unit_id)
    doc = {"unit": unit_id, "quarter": str(quarter), "history": [r.as_dict() for r in [*past, entry]]}
    text = json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    path = review_path(data_dir, quarter, unit_id)
    try:
        write_bytes(path, text.encode("utf-8"))
    except OSError as e:
        raise ReviewError("review.cannot_write", path=path, reason=e.strerror or e) from e
    return entry
