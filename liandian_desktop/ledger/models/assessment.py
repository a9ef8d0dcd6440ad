"""The monthly unit assessment (process 40 / results 40 / innovation 20), kept as history, and the
configuration the county sets (targets, limits, weights)."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from liandian_desktop.ledger.models._columns import fk
from liandian_desktop.ledger.models.base import Base, FixedDecimal, Synced


class InnovationScore(Synced, Base):
    """The manual innovation score (0–20 by default) of a unit for a month, with its evidence."""

    __tablename__ = "innovation_scores"

    township_id: Mapped[uuid.UUID] = fk("townships.id")
    unit_id: Mapped[uuid.UUID] = fk("paired_units.id")
    month: Mapped[str] = mapped_column(String(7), index=True)  # "2026-03"
    score: Mapped[Decimal] = mapped_column(FixedDecimal(2))
    evidence: Mapped[str] = mapped_column(Text)
    scored_by: Mapped[str] = mapped_column(String(50), default="")


class AssessmentResult(Synced, Base):
    """One unit's computed assessment for a month, frozen when the month is closed."""

    __tablename__ = "assessment_results"

    township_id: Mapped[uuid.UUID] = fk("townships.id")
    unit_id: Mapped[uuid.UUID] = fk("paired_units.id")
    month: Mapped[str] = mapped_column(String(7), index=True)
    process_score: Mapped[Decimal] = mapped_column(FixedDecimal(2))
    results_score: Mapped[Decimal] = mapped_column(FixedDecimal(2))
    innovation_score: Mapped[Decimal] = mapped_column(FixedDecimal(2))
    total: Mapped[Decimal] = mapped_column(FixedDecimal(2))
    rank: Mapped[int] = mapped_column(Integer)
    list_colour: Mapped[str] = mapped_column(String(10), default="")  # red | yellow | black | ""
    bottom_decile: Mapped[bool] = mapped_column(Boolean, default=False)
    assistance_plan: Mapped[bool] = mapped_column(Boolean, default=False)  # bottom 10 % two months running
    details: Mapped[str] = mapped_column(Text, default="")  # JSON: each indicator, its value and points


class ConfigEntry(Synced, Base):
    """A configuration value (JSON) the county publishes, or a township overrides: targets, limits,
    weights. ``township_id`` empty = county-wide."""

    __tablename__ = "config_entries"

    township_id: Mapped[uuid.UUID | None] = fk("townships.id", nullable=True)
    key: Mapped[str] = mapped_column(String(100), index=True)
    value: Mapped[str] = mapped_column(Text)  # JSON
    note: Mapped[str] = mapped_column(Text, default="")
