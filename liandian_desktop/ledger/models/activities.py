"""Services and activities, visits and meetings, with the paper sign-in sheet's rows, and evaluations."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from liandian_desktop.ledger.models._columns import enum_column, fk
from liandian_desktop.ledger.models.base import Base, FixedDecimal, Synced, UTCDateTime
from liandian_desktop.ledger.models.enums import (
    ActivityKind,
    AttendanceStatus,
    EvaluationSource,
    Resolution,
    Satisfaction,
)


class Activity(Synced, Base):
    __tablename__ = "activities"
    __search_columns__ = ("title", "code", "place", "organiser")

    township_id: Mapped[uuid.UUID] = fk("townships.id")
    community_id: Mapped[uuid.UUID | None] = fk("communities.id", nullable=True)
    code: Mapped[str] = mapped_column(String(20), index=True)  # printed on the sheet
    kind: Mapped[ActivityKind] = enum_column(ActivityKind, default=ActivityKind.SERVICE)
    service_id: Mapped[uuid.UUID | None] = fk("standard_services.id", nullable=True)
    unit_id: Mapped[uuid.UUID | None] = fk("paired_units.id", nullable=True)
    title: Mapped[str] = mapped_column(String(100))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    place: Mapped[str] = mapped_column(String(100), default="")
    organiser: Mapped[str] = mapped_column(String(100), default="")
    responsible: Mapped[str] = mapped_column(String(50), default="")
    description: Mapped[str] = mapped_column(Text, default="")


class Attendance(Synced, Base):
    """One row of a sign-in sheet: an invitee (with a short row code) or a walk-in."""

    __tablename__ = "attendances"

    township_id: Mapped[uuid.UUID] = fk("townships.id")
    activity_id: Mapped[uuid.UUID] = fk("activities.id")
    resident_id: Mapped[uuid.UUID | None] = fk("residents.id", nullable=True)
    volunteer_id: Mapped[uuid.UUID | None] = fk("volunteers.id", nullable=True)
    name: Mapped[str] = mapped_column(String(50))  # as printed / as written by a walk-in
    phone: Mapped[str] = mapped_column(String(20), default="")
    row_code: Mapped[str] = mapped_column(String(8), default="")
    status: Mapped[AttendanceStatus] = enum_column(AttendanceStatus, default=AttendanceStatus.INVITED)
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    hours: Mapped[Decimal | None] = mapped_column(FixedDecimal(2), default=None)
    note: Mapped[str] = mapped_column(Text, default="")


class Evaluation(Synced, Base):
    """满意度测评: one resident's rating of a work order or an activity."""

    __tablename__ = "evaluations"

    township_id: Mapped[uuid.UUID] = fk("townships.id")
    community_id: Mapped[uuid.UUID | None] = fk("communities.id", nullable=True)
    work_order_id: Mapped[uuid.UUID | None] = fk("work_orders.id", nullable=True)
    activity_id: Mapped[uuid.UUID | None] = fk("activities.id", nullable=True)
    resident_id: Mapped[uuid.UUID | None] = fk("residents.id", nullable=True)
    satisfaction: Mapped[Satisfaction] = enum_column(Satisfaction)
    resolution: Mapped[Resolution | None] = enum_column(Resolution, nullable=True, default=None)
    comment: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[EvaluationSource] = enum_column(EvaluationSource, default=EvaluationSource.PAPER)
    form_version: Mapped[str] = mapped_column(String(20), default="")
    evaluated_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
