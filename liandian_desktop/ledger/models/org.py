"""Divisions (county → township → community), paired units, pairings and cadres."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Boolean, Date, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from liandian_desktop.ledger.models._columns import enum_column, fk
from liandian_desktop.ledger.models.base import Base, Synced
from liandian_desktop.ledger.models.enums import CadreKind, CommunityKind, Gender, UnitKind


class County(Synced, Base):
    __tablename__ = "counties"
    __search_columns__ = ("name", "code")

    code: Mapped[str] = mapped_column(String(12), index=True)  # 12-digit statistical division code
    name: Mapped[str] = mapped_column(String(50))


class Township(Synced, Base):
    __tablename__ = "townships"
    __search_columns__ = ("name", "code")

    county_id: Mapped[uuid.UUID] = fk("counties.id")
    code: Mapped[str] = mapped_column(String(12), index=True)
    name: Mapped[str] = mapped_column(String(50))
    population: Mapped[int] = mapped_column(Integer, default=0)


class Community(Synced, Base):
    """A village (村) or community (社区): where demands arise and services land."""

    __tablename__ = "communities"
    __search_columns__ = ("name", "code", "address", "secretary_name")

    township_id: Mapped[uuid.UUID] = fk("townships.id")
    code: Mapped[str] = mapped_column(String(12), index=True)
    name: Mapped[str] = mapped_column(String(50))
    kind: Mapped[CommunityKind] = enum_column(CommunityKind, default=CommunityKind.COMMUNITY)
    population: Mapped[int] = mapped_column(Integer, default=0)
    households: Mapped[int] = mapped_column(Integer, default=0)
    # 重点社区: needs at least two paired units.
    is_key: Mapped[bool] = mapped_column(Boolean, default=False)
    address: Mapped[str] = mapped_column(String(200), default="")
    latitude: Mapped[float | None] = mapped_column(Float, default=None)
    longitude: Mapped[float | None] = mapped_column(Float, default=None)
    secretary_name: Mapped[str] = mapped_column(String(50), default="")
    secretary_phone: Mapped[str] = mapped_column(String(20), default="")


class PairedUnit(Synced, Base):
    """联点单位: a county department or organisation (county reference data)."""

    __tablename__ = "paired_units"
    __search_columns__ = ("name", "short_name", "contact_name")

    county_id: Mapped[uuid.UUID] = fk("counties.id")
    name: Mapped[str] = mapped_column(String(100))
    short_name: Mapped[str] = mapped_column(String(30), default="")
    kind: Mapped[UnitKind] = enum_column(UnitKind, default=UnitKind.PARTY_GOVERNMENT)
    address: Mapped[str] = mapped_column(String(200), default="")
    contact_name: Mapped[str] = mapped_column(String(50), default="")
    contact_phone: Mapped[str] = mapped_column(String(20), default="")
    latitude: Mapped[float | None] = mapped_column(Float, default=None)
    longitude: Mapped[float | None] = mapped_column(Float, default=None)


class Pairing(Synced, Base):
    """结对: a unit paired with a community for a period (open-ended while ``end_date`` is empty)."""

    __tablename__ = "pairings"

    township_id: Mapped[uuid.UUID] = fk("townships.id")
    unit_id: Mapped[uuid.UUID] = fk("paired_units.id")
    community_id: Mapped[uuid.UUID] = fk("communities.id")
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)
    is_lead: Mapped[bool] = mapped_column(Boolean, default=False)  # 牵头单位
    note: Mapped[str] = mapped_column(Text, default="")

    def active_on(self, day: date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


class Cadre(Synced, Base):
    """联点干部 (full-time, belongs to a unit) or 兼职顾问 (part-time advisor to a community)."""

    __tablename__ = "cadres"
    __search_columns__ = ("name", "phone", "position")

    kind: Mapped[CadreKind] = enum_column(CadreKind, default=CadreKind.FULL_TIME)
    unit_id: Mapped[uuid.UUID | None] = fk("paired_units.id", nullable=True)
    township_id: Mapped[uuid.UUID | None] = fk("townships.id", nullable=True)
    community_id: Mapped[uuid.UUID | None] = fk("communities.id", nullable=True)
    name: Mapped[str] = mapped_column(String(50))
    gender: Mapped[Gender | None] = enum_column(Gender, nullable=True, default=None)
    phone: Mapped[str] = mapped_column(String(20), default="")
    id_number: Mapped[str | None] = mapped_column(String(18), default=None, index=True)
    position: Mapped[str] = mapped_column(String(50), default="")
    start_date: Mapped[date | None] = mapped_column(Date, default=None)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)
