"""The volunteer roster, after MCA Order 67 (志愿服务记录与证明出具办法): basic information, service records
(hours, excluding travel), training, awards, and the points ledger."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from liandian_desktop.ledger.models._columns import enum_column, fk
from liandian_desktop.ledger.models.base import Base, FixedDecimal, Synced, UTCDateTime
from liandian_desktop.ledger.models.enums import Gender, PointsKind, VolunteerStatus


class Volunteer(Synced, Base):
    __tablename__ = "volunteers"
    __search_columns__ = ("name", "phone", "volunteer_no", "skills", "id_number")

    township_id: Mapped[uuid.UUID] = fk("townships.id")
    community_id: Mapped[uuid.UUID | None] = fk("communities.id", nullable=True)
    resident_id: Mapped[uuid.UUID | None] = fk("residents.id", nullable=True)
    volunteer_no: Mapped[str] = mapped_column(String(30), default="", index=True)
    name: Mapped[str] = mapped_column(String(50), index=True)
    gender: Mapped[Gender | None] = enum_column(Gender, nullable=True, default=None)
    birth_date: Mapped[date | None] = mapped_column(Date, default=None)
    id_type: Mapped[str] = mapped_column(String(20), default="居民身份证")
    id_number: Mapped[str | None] = mapped_column(String(18), default=None, index=True)
    region: Mapped[str] = mapped_column(String(100), default="")  # 居住区域
    phone: Mapped[str] = mapped_column(String(20), default="")
    skills: Mapped[str] = mapped_column(String(200), default="")  # 专业技能
    # 服务类别: comma-separated demand category codes.
    service_categories: Mapped[str] = mapped_column(String(200), default="")
    registered_on: Mapped[date] = mapped_column(Date)
    status: Mapped[VolunteerStatus] = enum_column(VolunteerStatus, default=VolunteerStatus.ACTIVE)
    note: Mapped[str] = mapped_column(Text, default="")


class VolunteerServiceRecord(Synced, Base):
    """One service record: hours exclude travel; to be entered within 10 working days of the service."""

    __tablename__ = "volunteer_service_records"

    township_id: Mapped[uuid.UUID] = fk("townships.id")
    volunteer_id: Mapped[uuid.UUID] = fk("volunteers.id")
    activity_id: Mapped[uuid.UUID | None] = fk("activities.id", nullable=True)
    activity_name: Mapped[str] = mapped_column(String(100))
    service_date: Mapped[date] = mapped_column(Date, index=True)
    place: Mapped[str] = mapped_column(String(100), default="")
    content: Mapped[str] = mapped_column(Text, default="")
    hours: Mapped[Decimal] = mapped_column(FixedDecimal(2))
    organiser: Mapped[str] = mapped_column(String(100), default="")
    responsible_person: Mapped[str] = mapped_column(String(50), default="")
    recorded_on: Mapped[date] = mapped_column(Date)
    corrected_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    correction_note: Mapped[str] = mapped_column(Text, default="")


class VolunteerTraining(Synced, Base):
    __tablename__ = "volunteer_trainings"

    township_id: Mapped[uuid.UUID] = fk("townships.id")
    volunteer_id: Mapped[uuid.UUID] = fk("volunteers.id")
    training_date: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(100))
    hours: Mapped[Decimal] = mapped_column(FixedDecimal(2), default=Decimal(0))
    organiser: Mapped[str] = mapped_column(String(100), default="")


class VolunteerAward(Synced, Base):
    __tablename__ = "volunteer_awards"

    township_id: Mapped[uuid.UUID] = fk("townships.id")
    volunteer_id: Mapped[uuid.UUID] = fk("volunteers.id")
    award_date: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(30), default="")
    issuer: Mapped[str] = mapped_column(String(100), default="")


class PointsEntry(Synced, Base):
    """积分台账: earnings are positive, redemptions negative; the balance is the sum."""

    __tablename__ = "points_entries"

    township_id: Mapped[uuid.UUID] = fk("townships.id")
    volunteer_id: Mapped[uuid.UUID] = fk("volunteers.id")
    entry_date: Mapped[date] = mapped_column(Date)
    kind: Mapped[PointsKind] = enum_column(PointsKind)
    points: Mapped[Decimal] = mapped_column(FixedDecimal(2))
    rule_id: Mapped[uuid.UUID | None] = fk("points_rules.id", nullable=True)
    record_id: Mapped[uuid.UUID | None] = fk("volunteer_service_records.id", nullable=True)
    item: Mapped[str] = mapped_column(String(100), default="")  # what was redeemed
    note: Mapped[str] = mapped_column(Text, default="")
