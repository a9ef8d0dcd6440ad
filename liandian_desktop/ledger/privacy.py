"""Personal data on paper and in files (PIPL, DOMAIN.md): how ID numbers and phones are shown, and the log
row every print or export containing personal data must leave.

Paper (``paper.privacy``) and Excel (``excel.privacy``) both go through here, so a masking rule or the log's
shape is stated once.
"""

from __future__ import annotations

import getpass
import uuid
from collections.abc import Iterable

from sqlalchemy.orm import Session

from liandian_desktop.ledger.errors import ValidationError
from liandian_desktop.ledger.models import PersonalDataLog, utcnow
from liandian_desktop.ledger.validation import mask_id_number, mask_phone

LOG_ACTIONS = ("print", "pdf", "export")


def show_id_number(value: str | None, *, public: bool = False, unmasked: bool = False) -> str:
    """An ID number as a copy shows it: internal '430102********011X' (first 6, last 4), public
    '43**************1X' (first 2, last 2), or whole when ``unmasked``. A malformed number is masked too,
    never shown whole."""
    text = "".join((value or "").split()).upper()
    if not text or unmasked:
        return text
    try:
        return mask_id_number(text, public=public)
    except ValidationError:
        keep_head, keep_tail = (2, 2) if public else (6, 4)
        if len(text) <= keep_head + keep_tail + 2:
            return "*" * max(0, len(text) - 2) + text[-2:]
        return text[:keep_head] + "*" * (len(text) - keep_head - keep_tail) + text[-keep_tail:]


def show_phone(value: str | None, *, unmasked: bool = False) -> str:
    """A phone as a copy shows it ('138****1234'); a malformed one keeps only its last 2 digits."""
    text = (value or "").strip()
    if not text or unmasked:
        return text
    try:
        return mask_phone(text)
    except ValidationError:
        digits = [c for c in text if c.isdigit()]
        return "*" * max(0, len(digits) - 2) + "".join(digits[-2:])


def operator_name(explicit: str = "") -> str:
    """Who prints or exports: the name given (settings), else the computer's login name."""
    if explicit.strip():
        return explicit.strip()[:50]
    try:
        return getpass.getuser()[:50]
    except (OSError, KeyError):  # no login name (a service account): still log it
        return ""


def log_personal_data(
    session: Session,
    *,
    township_id: uuid.UUID | None,
    action: str,
    document: str,
    scope: str,
    people_count: int,
    fields: Iterable[str],
    unmasked: bool,
    public: bool,
    target: str,
    operator: str = "",
) -> PersonalDataLog:
    """Add the log row to ``session`` (the caller's transaction): nothing is logged unless it commits."""
    if action not in LOG_ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    entry = PersonalDataLog(
        township_id=township_id,
        at=utcnow(),
        operator=operator_name(operator),
        action=action,
        document=document[:100],
        scope=scope[:200],
        people_count=people_count,
        fields="、".join(fields)[:200],
        unmasked=unmasked,
        public_copy=public,
        target=target,
    )
    session.add(entry)
    return entry
