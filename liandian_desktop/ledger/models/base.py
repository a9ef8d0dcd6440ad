"""Declarative base, column types and the mixin every synced record carries."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import DateTime, Integer, MetaData, String, Uuid
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Named constraints: Alembic batch mode on SQLite cannot drop or alter unnamed ones.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """An instant, stored as naive UTC and always returned timezone-aware (UTC).

    SQLite keeps no zone; storing UTC everywhere makes ordering and the county's PostgreSQL agree.
    A naive value handed in is refused rather than guessed at.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: give instants with a time zone")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


class FixedDecimal(TypeDecorator[Decimal]):
    """A decimal with a fixed number of places, stored as a scaled integer (exact on SQLite too)."""

    impl = Integer
    cache_ok = True

    def __init__(self, places: int = 2, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.places = places
        self._scale = 10**places

    def process_bind_param(self, value: Decimal | int | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        scaled = Decimal(value) * self._scale
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{value} has more than {self.places} decimal places")
        return int(scaled)

    def process_result_value(self, value: int | None, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        result: Decimal = (Decimal(value) / self._scale).quantize(Decimal(1).scaleb(-self.places))
        return result


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Synced:
    """Columns every record that travels between laptops and the county carries.

    ``id`` is generated on the device, so two offline laptops never collide. ``deleted_at`` is a tombstone:
    records are never removed, so a delete can reach every replica. ``device_id`` is the device that last
    changed the row (set by the session hook in ``ledger.session``).
    """

    # Columns a list's free-text search looks in (see services.base.search_clause).
    __search_columns__: ClassVar[tuple[str, ...]] = ()

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    device_id: Mapped[str] = mapped_column(String(64), default="")
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)

    @classmethod
    def table_name(cls) -> str:
        return str(cls.__dict__.get("__tablename__") or cls.__name__)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None
