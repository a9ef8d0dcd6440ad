"""Personal data on paper (PIPL, DOMAIN.md): what is masked, what never goes on a posted copy, and the log.

These rules are code, not part of a form definition, so a county editing a definition cannot print a
health column on a public sheet. Internal copies mask ID numbers to the first 6 and last 4 characters and
phones to 138****1234; ``unmasked`` (internal copies only) prints them in full. Public (posted) copies mask
ID numbers to the first and last 2 and leave out every column in ``INTERNAL_ONLY_FIELDS``.

Every print or export with personal data on it becomes a ``PersonalDataLog`` row (who, when, what, how many
people, masked or not, public or not).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from liandian_desktop.ledger import privacy as core
from liandian_desktop.ledger.errors import ValidationError

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
    """An ID number as this copy prints it (see ``ledger.privacy.show_id_number``)."""
    return core.show_id_number(value, public=copy.public, unmasked=copy.unmasked)


def show_phone(value: str | None, copy: Copy) -> str:
    """A phone number as this copy prints it ('138****1234')."""
    return core.show_phone(value, unmasked=copy.unmasked)


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


operator_name = core.operator_name
log_personal_data = core.log_personal_data
