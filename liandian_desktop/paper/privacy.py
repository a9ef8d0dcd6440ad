"""Personal data on paper (PIPL, DOMAIN.md): what is masked, what never goes on a posted copy, and the log.

These rules are code, not part of a form definition, so a county editing a definition cannot print a
health column on a public sheet. Internal copies mask ID numbers to the first 6 and last 4 characters and
phones to 138****1234; ``unmasked`` (internal copies only) prints them in full. Public (posted) copies mask
ID numbers to the first and last 2 and leave out every column in ``INTERNAL_ONLY_FIELDS``.

Every print or export with personal data on it becomes a ``PersonalDataLog`` row (who, when, what, how many
people, masked or not, public or not).
"""

from __future__ import annotations

import getpass
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from liandian_desktop.ledger.errors import ValidationError
from liandian_desktop.ledger.models import PersonalDataLog, utcnow
from liandian_desktop.ledger.validation import mask_id_number, mask_phone

# Never on a posted copy: health, disability and 低保/特困 (special-group) status, and home addresses.
SENSITIVE_FIELDS = frozenset({"groups", "health_note", "disability_note", "special_group"})
INTERNAL_ONLY_FIELDS = SENSITIVE_FIELDS | {"address"}
# Columns that carry a person's data; a sheet with any of them filled in is logged.
PERSONAL_FIELDS = frozenset(
    {
        "name",
        "gender",
        "age",
        "id_number",
        "phone",
        "address",
        "groups",
        "health_note",
        "disability_note",
        "volunteer_no",
    }
)
MASKED_FIELDS = frozenset({"id_number", "phone"})


@dataclass(frozen=True)
class Copy:
    """Which copy is printed: internal (default, masked), internal unmasked, or public (posted)."""

    public: bool = False
    unmasked: bool = False

    def __post_init__(self) -> None:
        if self.public and self.unmasked:
            raise ValidationError("unmasked", "公示版一律掩码，不能同时选择“公示版”和“不掩码”")

    @property
    def label(self) -> str:
        if self.public:
            return "公示版"
        return "内部留存（未掩码）" if self.unmasked else "内部留存"

    @property
    def flag(self) -> str:
        """How the QR code marks this copy: '' internal, 'P' public, 'U' unmasked."""
        return "P" if self.public else ("U" if self.unmasked else "")

    @classmethod
    def from_flag(cls, flag: str) -> Copy:
        return cls(public=flag == "P", unmasked=flag == "U")

    def shows(self, field: str) -> bool:
        return not (self.public and field in INTERNAL_ONLY_FIELDS)


def show_id_number(value: str | None, copy: Copy) -> str:
    """An ID number as this copy prints it; a malformed number is masked too, never printed whole."""
    text = "".join((value or "").split()).upper()
    if not text:
        return ""
    if copy.unmasked:
        return text
    try:
        return mask_id_number(text, public=copy.public)
    except ValidationError:
        keep_head, keep_tail = (2, 2) if copy.public else (6, 4)
        if len(text) <= keep_head + keep_tail + 2:
            return "*" * max(0, len(text) - 2) + text[-2:]
        return text[:keep_head] + "*" * (len(text) - keep_head - keep_tail) + text[-keep_tail:]


def show_phone(value: str | None, copy: Copy) -> str:
    """A phone number as this copy prints it ('138****1234'); a malformed one keeps only its last 2 digits."""
    text = (value or "").strip()
    if not text:
        return ""
    if copy.unmasked:
        return text
    try:
        return mask_phone(text)
    except ValidationError:
        digits = [c for c in text if c.isdigit()]
        return "*" * max(0, len(digits) - 2) + "".join(digits[-2:])


def redact(text: str, names: Iterable[str]) -> str:
    """Free text for a posted copy: each resident's full name becomes surname + 某 ('邓建平' → '邓某'),
    the way public notices write it. Titles typed by coordinators often start with the requester's name."""
    for name in sorted({n for n in names if len(n) >= 2}, key=len, reverse=True):
        text = text.replace(name, name[0] + "某")
    return text


def names_in(text: str, names: Iterable[str]) -> bool:
    return any(len(n) >= 2 and n in text for n in names)


def field_labels(fields: Iterable[tuple[str, str]], copy: Copy) -> tuple[str, ...]:
    """The Chinese labels of the personal columns printed, as the log records them ('身份证号（掩码）')."""
    labels = []
    for field, label in fields:
        if field not in PERSONAL_FIELDS or not copy.shows(field):
            continue
        if field in MASKED_FIELDS:
            label += "（完整）" if copy.unmasked else "（掩码）"
        labels.append(label)
    return tuple(labels)


def operator_name(explicit: str = "") -> str:
    """Who is printing: the name given (settings), else the computer's login name."""
    if explicit.strip():
        return explicit.strip()[:50]
    try:
        return getpass.getuser()[:50]
    except (OSError, KeyError):  # no login name (a service account): still log the print
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
    """Add the log row to ``session`` (the caller's transaction): nothing is written unless it commits."""
    if action not in ("print", "pdf", "export"):
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
