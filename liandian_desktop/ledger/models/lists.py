"""The three lists (三张清单): demands, supplies and the matches decided at the supply–demand meeting."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from liandian_desktop.ledger.models._columns import enum_column, fk
from liandian_desktop.ledger.models.base import Base, FixedDecimal, Synced, UTCDateTime
from liandian_desktop.ledger.models.enums import DemandSource, DemandStatus, MatchStatus, SupplyKind, Urgency


class Demand(Synced, Base):
    """需求清单 entry, raised by a community or a resident for a quarter."""

    __tablename__ = "demands"
    __search_columns__ = ("title", "code", "requester_name", "description")

    township_id: Mapped[uuid.UUID] = fk("townships.id")
    community_id: Mapped[uuid.UUID] = fk("communities.id")
    code: Mapped[str] = mapped_column(String(20), index=True)
    quarter: Mapped[str] = mapped_column(String(7), index=True)  # "2026-Q3"
    source: Mapped[DemandSource] = enum_column(DemandSource, default=DemandSource.COMMUNITY)
    resident_id: Mapped[uuid.UUID | None] = fk("residents.id", nullable=True)
    requester_name: Mapped[str] = mapped_column(String(50), default="")
    category_id: Mapped[uuid.UUID] = fk("demand_categories.id")
    item_id: Mapped[uuid.UUID | None] = fk("demand_items.id", nullable=True)
    title: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    urgency: Mapped[Urgency] = enum_column(Urgency, default=Urgency.NORMAL)
    special_group: Mapped[str] = mapped_column(String(30), default="")  # a SpecialGroup code, or ""
    beneficiaries: Mapped[int] = mapped_column(Integer, default=1)
    raised_on: Mapped[date] = mapped_column(Date)
    status: Mapped[DemandStatus] = enum_column(DemandStatus, default=DemandStatus.OPEN, index=True)


class Supply(Synced, Base):
    """供给清单 entry, declared by a paired unit for a quarter."""

    __tablename__ = "supplies"
    __search_columns__ = ("title", "code", "description")

    township_id: Mapped[uuid.UUID] = fk("townships.id")
    unit_id: Mapped[uuid.UUID] = fk("paired_units.id")
    community_id: Mapped[uuid.UUID | None] = fk("communities.id", nullable=True)
    code: Mapped[str] = mapped_column(String(20), index=True)
    quarter: Mapped[str] = mapped_column(String(7), index=True)
    kind: Mapped[SupplyKind] = enum_column(SupplyKind)
    title: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    # Comma-separated DemandCategory codes this supply can serve.
    category_codes: Mapped[str] = mapped_column(String(200), default="")
    # In the kind's unit: yuan, person-days, projects, items, sessions.
    capacity: Mapped[Decimal] = mapped_column(FixedDecimal(2), default=Decimal(0))


class Match(Synced, Base):
    """匹配清单 entry: a demand paired with a supply. Proposed by the app, decided by the meeting."""

    __tablename__ = "matches"

    township_id: Mapped[uuid.UUID] = fk("townships.id")
    quarter: Mapped[str] = mapped_column(String(7), index=True)
    demand_id: Mapped[uuid.UUID] = fk("demands.id")
    supply_id: Mapped[uuid.UUID] = fk("supplies.id")
    status: Mapped[MatchStatus] = enum_column(MatchStatus, default=MatchStatus.PROPOSED)
    score: Mapped[Decimal] = mapped_column(FixedDecimal(2), default=Decimal(0))
    reasons: Mapped[str] = mapped_column(Text, default="")  # why the app proposed it, in Chinese
    # How much of the supply's capacity this match takes.
    allocated: Mapped[Decimal] = mapped_column(FixedDecimal(2), default=Decimal(0))
    meeting_id: Mapped[uuid.UUID | None] = fk("activities.id", nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    note: Mapped[str] = mapped_column(Text, default="")
