"""Work orders: the closed loop 群众点单 → 组织派单 → 单位接单 → 群众评单, with every transition kept."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from liandian_desktop.ledger.models._columns import enum_column, fk
from liandian_desktop.ledger.models.base import Base, Synced, UTCDateTime
from liandian_desktop.ledger.models.enums import OrderAction, OrderStatus, Urgency


class WorkOrder(Synced, Base):
    __tablename__ = "work_orders"
    __search_columns__ = ("title", "code", "requester_name", "description")

    township_id: Mapped[uuid.UUID] = fk("townships.id")
    community_id: Mapped[uuid.UUID] = fk("communities.id")
    code: Mapped[str] = mapped_column(String(20), index=True)
    demand_id: Mapped[uuid.UUID | None] = fk("demands.id", nullable=True)
    resident_id: Mapped[uuid.UUID | None] = fk("residents.id", nullable=True)
    requester_name: Mapped[str] = mapped_column(String(50), default="")
    requester_phone: Mapped[str] = mapped_column(String(20), default="")
    category_id: Mapped[uuid.UUID | None] = fk("demand_categories.id", nullable=True)
    title: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    urgency: Mapped[Urgency] = enum_column(Urgency, default=Urgency.NORMAL)
    unit_id: Mapped[uuid.UUID | None] = fk("paired_units.id", nullable=True)
    status: Mapped[OrderStatus] = enum_column(OrderStatus, default=OrderStatus.CREATED, index=True)
    # The response limit in force when the order was dispatched (hours from dispatch to first contact).
    response_limit_hours: Mapped[int] = mapped_column(Integer, default=24)
    ordered_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    dispatched_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    first_contact_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    evaluated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)  # withdrawn or invalid
    closed_reason: Mapped[str] = mapped_column(Text, default="")
    resolution_note: Mapped[str] = mapped_column(Text, default="")
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)


class WorkOrderEvent(Synced, Base):
    """One transition of a work order. ``at`` is when it happened (may be keyed in later from paper)."""

    __tablename__ = "work_order_events"

    township_id: Mapped[uuid.UUID] = fk("townships.id")
    order_id: Mapped[uuid.UUID] = fk("work_orders.id")
    action: Mapped[OrderAction] = enum_column(OrderAction)
    from_status: Mapped[OrderStatus | None] = enum_column(OrderStatus, nullable=True)
    to_status: Mapped[OrderStatus] = enum_column(OrderStatus)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    unit_id: Mapped[uuid.UUID | None] = fk("paired_units.id", nullable=True)
    actor: Mapped[str] = mapped_column(String(50), default="")
    note: Mapped[str] = mapped_column(Text, default="")
