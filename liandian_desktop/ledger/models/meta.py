"""Local, never-synced state of this ledger file (device identity, the township it serves, settings)."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from liandian_desktop.ledger.models.base import Base


class LedgerMeta(Base):
    __tablename__ = "ledger_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
