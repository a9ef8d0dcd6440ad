"""County reference data: demand categories and items, the standard services, points rules,
and each community's own service plan."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from liandian_desktop.ledger.models._columns import enum_column, fk
from liandian_desktop.ledger.models.base import Base, FixedDecimal, Synced
from liandian_desktop.ledger.models.enums import Frequency


class DemandCategory(Synced, Base):
    __tablename__ = "demand_categories"

    code: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(30))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class DemandItem(Synced, Base):
    __tablename__ = "demand_items"

    category_id: Mapped[uuid.UUID] = fk("demand_categories.id")
    code: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(30))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class StandardService(Synced, Base):
    """One of the standard services (基本服务清单), with its frequency and quality standard."""

    __tablename__ = "standard_services"

    code: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(50))
    category_code: Mapped[str] = mapped_column(String(20), default="")
    frequency: Mapped[Frequency] = enum_column(Frequency, default=Frequency.MONTHLY)
    times_per_period: Mapped[int] = mapped_column(Integer, default=1)
    target_group: Mapped[str] = mapped_column(String(100), default="")
    quality_standard: Mapped[str] = mapped_column(Text, default="")
    response_hours: Mapped[int | None] = mapped_column(Integer, default=None)
    mandatory: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class CommunityServicePlan(Synced, Base):
    """一社区一方案: a community's yearly plan, either a standard service or its own item."""

    __tablename__ = "community_service_plans"

    township_id: Mapped[uuid.UUID] = fk("townships.id")
    community_id: Mapped[uuid.UUID] = fk("communities.id")
    service_id: Mapped[uuid.UUID | None] = fk("standard_services.id", nullable=True)
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(100))
    frequency: Mapped[Frequency] = enum_column(Frequency, default=Frequency.MONTHLY)
    times_per_period: Mapped[int] = mapped_column(Integer, default=1)
    note: Mapped[str] = mapped_column(Text, default="")


class PointsRule(Synced, Base):
    """How volunteer service points (积分) are earned: per hour of service and/or a fixed amount."""

    __tablename__ = "points_rules"

    code: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(50))
    points_per_hour: Mapped[Decimal] = mapped_column(FixedDecimal(2), default=Decimal(0))
    fixed_points: Mapped[Decimal] = mapped_column(FixedDecimal(2), default=Decimal(0))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
