"""Logs the personal-data rules require: every print or export that contains personal data."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from liandian_desktop.ledger.models._columns import fk
from liandian_desktop.ledger.models.base import Base, Synced, UTCDateTime


class PersonalDataLog(Synced, Base):
    """Who printed or exported which people's data, when, how masked. Synced so the county can audit it."""

    __tablename__ = "personal_data_logs"
    __search_columns__ = ("operator", "document", "scope")

    township_id: Mapped[uuid.UUID | None] = fk("townships.id", nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    operator: Mapped[str] = mapped_column(String(50), default="")
    action: Mapped[str] = mapped_column(String(20))  # print | pdf | export
    document: Mapped[str] = mapped_column(String(100))  # e.g. "签到表 v3", "居民名册导出"
    scope: Mapped[str] = mapped_column(String(200), default="")  # what it covered, in words
    people_count: Mapped[int] = mapped_column(Integer, default=0)
    fields: Mapped[str] = mapped_column(String(200), default="")  # personal fields it contained
    unmasked: Mapped[bool] = mapped_column(Boolean, default=False)  # full ID numbers / phones shown
    public_copy: Mapped[bool] = mapped_column(Boolean, default=False)  # for posting in public
    target: Mapped[str] = mapped_column(Text, default="")  # file name or printer
