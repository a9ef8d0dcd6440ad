"""Training hours of grassroots workers, cadre days in the community (蹲点), and funds."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from liandian_desktop.ledger.models._columns import enum_column, fk
from liandian_desktop.ledger.models.base import Base, FixedDecimal, Synced
from liandian_desktop.ledger.models.enums import CadreDayKind, FundKind


class TrainingRecord(Synced, Base):
    """培训: hours of training of a grassroots worker (target ≥ 40 hours a year)."""

    __tablename__ = "training_records"
    __search_columns__ = ("trainee_name", "title")

    township_id: Mapped[uuid.UUID] = fk("townships.id")
    cadre_id: Mapped[uuid.UUID | None] = fk("cadres.id", nullable=True)
    community_id: Mapped[uuid.UUID | None] = fk("communities.id", nullable=True)
    trainee_name: Mapped[str] = mapped_column(String(50))
    training_date: Mapped[date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(String(100))
    hours: Mapped[Decimal] = mapped_column(FixedDecimal(2))
    organiser: Mapped[str] = mapped_column(String(100), default="")


class CadreDay(Synced, Base):
    """A day (or half-day) a cadre spent in the community. Kept apart from volunteer hours."""

    __tablename__ = "cadre_days"

    township_id: Mapped[uuid.UUID] = fk("townships.id")
    cadre_id: Mapped[uuid.UUID] = fk("cadres.id")
    community_id: Mapped[uuid.UUID] = fk("communities.id")
    day: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[CadreDayKind] = enum_column(CadreDayKind, default=CadreDayKind.FULL)
    work: Mapped[str] = mapped_column(Text, default="")


class FundEntry(Synced, Base):
    """专项经费: an allocation to or an expense of a community's special fund, in yuan."""

    __tablename__ = "fund_entries"

    township_id: Mapped[uuid.UUID] = fk("townships.id")
    community_id: Mapped[uuid.UUID] = fk("communities.id")
    unit_id: Mapped[uuid.UUID | None] = fk("paired_units.id", nullable=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[FundKind] = enum_column(FundKind)
    amount: Mapped[Decimal] = mapped_column(FixedDecimal(2))
    entry_date: Mapped[date] = mapped_column(Date)
    purpose: Mapped[str] = mapped_column(String(200), default="")
    voucher_no: Mapped[str] = mapped_column(String(50), default="")
