"""Residents: the people demands come from, services reach and sheets list."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from liandian_desktop.ledger.models._columns import enum_column, fk
from liandian_desktop.ledger.models.base import Base, Synced
from liandian_desktop.ledger.models.enums import Gender, SpecialGroup


class Resident(Synced, Base):
    """A resident. ``id_number``, ``phone``, ``health_note`` and ``disability_note`` are sensitive (PIPL):
    masked on print, never on a posted sheet."""

    __tablename__ = "residents"
    __search_columns__ = ("name", "phone", "address", "id_number")

    township_id: Mapped[uuid.UUID] = fk("townships.id")
    community_id: Mapped[uuid.UUID] = fk("communities.id")
    name: Mapped[str] = mapped_column(String(50), index=True)
    gender: Mapped[Gender | None] = enum_column(Gender, nullable=True, default=None)
    birth_date: Mapped[date | None] = mapped_column(Date, default=None)
    id_number: Mapped[str | None] = mapped_column(String(18), default=None, index=True)
    phone: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    household_no: Mapped[str] = mapped_column(String(30), default="")
    # Sorted, comma-separated SpecialGroup codes ("dibao,elderly"); one field, so it merges as one on sync.
    special_groups: Mapped[str] = mapped_column(String(200), default="")
    health_note: Mapped[str] = mapped_column(Text, default="")
    disability_note: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")

    @property
    def groups(self) -> set[SpecialGroup]:
        return {SpecialGroup(code) for code in self.special_groups.split(",") if code}

    @groups.setter
    def groups(self, value: set[SpecialGroup] | list[SpecialGroup]) -> None:
        self.special_groups = ",".join(sorted({SpecialGroup(g).value for g in value}))
