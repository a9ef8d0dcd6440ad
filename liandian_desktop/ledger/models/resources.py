"""The resource pool (资源池): spaces, equipment, vehicles and goods offered by units; bookings and loans."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from liandian_desktop.ledger.models._columns import enum_column, fk
from liandian_desktop.ledger.models.base import Base, Synced, UTCDateTime
from liandian_desktop.ledger.models.enums import BookingKind, BookingStatus, ResourceKind


class ResourceOffer(Synced, Base):
    __tablename__ = "resource_offers"
    __search_columns__ = ("name", "location", "description")

    township_id: Mapped[uuid.UUID] = fk("townships.id")
    unit_id: Mapped[uuid.UUID | None] = fk("paired_units.id", nullable=True)
    community_id: Mapped[uuid.UUID | None] = fk("communities.id", nullable=True)
    kind: Mapped[ResourceKind] = enum_column(ResourceKind)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    location: Mapped[str] = mapped_column(String(100), default="")
    available_from: Mapped[date] = mapped_column(Date)
    available_until: Mapped[date | None] = mapped_column(Date, default=None)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Booking(Synced, Base):
    """A booking (use on site) or a loan (taken away, due back) of an offer for a period."""

    __tablename__ = "bookings"
    __search_columns__ = ("borrower", "purpose")

    township_id: Mapped[uuid.UUID] = fk("townships.id")
    offer_id: Mapped[uuid.UUID] = fk("resource_offers.id")
    community_id: Mapped[uuid.UUID | None] = fk("communities.id", nullable=True)
    kind: Mapped[BookingKind] = enum_column(BookingKind, default=BookingKind.BOOKING)
    status: Mapped[BookingStatus] = enum_column(BookingStatus, default=BookingStatus.BOOKED, index=True)
    borrower: Mapped[str] = mapped_column(String(100))
    contact_phone: Mapped[str] = mapped_column(String(20), default="")
    purpose: Mapped[str] = mapped_column(String(200), default="")
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)  # for a loan: the due date
    lent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    note: Mapped[str] = mapped_column(Text, default="")
