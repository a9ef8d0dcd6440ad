"""What travels between laptops and the county: the synced tables, their fields, the wire form of every
value, row digests and scopes. One definition, imported by both the client (``sync``) and the server
(``county``).

Wire values are JSON scalars in one canonical spelling, so a row hashes the same on every replica:
UUIDs as 32 hex digits, instants as UTC ``YYYY-MM-DDTHH:MM:SS.ffffffZ``, dates as ``YYYY-MM-DD``, fixed
decimals as strings with their places (``"12.50"``), enums by their stable code, bytes as base64.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum as PyEnum
from functools import lru_cache
from typing import Any, Literal

from sqlalchemy import Boolean, Date, Enum, Float, Integer, LargeBinary, String, Table, Uuid

Wire = str | int | float | bool | None
Kind = Literal["uuid", "datetime", "date", "decimal", "int", "float", "bool", "str", "enum", "bytes"]

# Columns every replica keeps for itself: the row's identity travels separately, and who/when changed a
# row last is bookkeeping of each replica (never a device clock used for ordering).
LOCAL_ONLY = frozenset({"id", "updated_at", "device_id"})

MAX_TEXT = 100_000  # characters in one text value
COUNTY_SCOPE = "county"  # county reference data: every device of the county reads it, only the county writes
PRIVATE_SCOPE = "private"  # county-only records (e.g. the county office's own print log)
# Tables whose rows with no township are the county's own, not reference data for every township.
PRIVATE_WHEN_NULL = frozenset({"personal_data_logs"})


class WireError(ValueError):
    """A value, row or message that does not follow the wire format. ``message`` is Chinese."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def table_of(model: type[Any]) -> Table:
    """A mapped class's Table (typed)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def canonical_json(value: Any) -> bytes:
    """The one byte spelling of a JSON value that every replica hashes."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return text.encode("utf-8")


def uuid_hex(value: uuid.UUID) -> str:
    return value.hex


def parse_uuid(value: object, field_name: str = "id") -> uuid.UUID:
    if not isinstance(value, str) or len(value) != 32:
        raise WireError(f"“{field_name}”应为 32 位十六进制编号", field_name)
    try:
        return uuid.UUID(hex=value)
    except ValueError as exc:
        raise WireError(f"“{field_name}”不是有效的编号", field_name) from exc


def datetime_to_wire(value: datetime) -> str:
    if value.tzinfo is None:
        raise WireError("时间缺少时区")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def _dt_from_wire(value: str) -> datetime:
    if not value.endswith("Z"):
        raise ValueError(value)
    parsed = datetime.fromisoformat(value[:-1])
    if parsed.tzinfo is not None:
        raise ValueError(value)
    return parsed.replace(tzinfo=UTC)


@dataclass(frozen=True)
class FieldSpec:
    """One synced column: its wire kind and the rules a value must keep."""

    name: str
    kind: Kind
    nullable: bool
    required: bool  # must be given when a record is created (not null, no default)
    max_length: int | None = None
    choices: Mapping[str, PyEnum] | None = None  # enum code -> member
    places: int = 0

    # -- Python value (as the ORM holds it) -> wire ----------------------------------------------------
    def to_wire(self, value: Any) -> Wire:
        if value is None:
            return None
        kind = self.kind
        if kind == "uuid":
            return uuid_hex(value)
        if kind == "datetime":
            return datetime_to_wire(value)
        if kind == "date":
            return str(value.isoformat())
        if kind == "decimal":
            return format(Decimal(value).quantize(Decimal(1).scaleb(-self.places)), "f")
        if kind == "enum":
            return str(value.value if isinstance(value, PyEnum) else value)
        if kind == "bytes":
            return base64.b64encode(bytes(value)).decode("ascii")
        if kind == "bool":
            return bool(value)
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
        return str(value)

    # -- wire -> Python value (validated) --------------------------------------------------------------
    def from_wire(self, value: Wire) -> Any:
        if value is None:
            if not self.nullable:
                raise WireError(f"字段“{self.name}”不能为空", self.name)
            return None
        try:
            return self._parse(value)
        except WireError:
            raise
        except (ValueError, TypeError, InvalidOperation, binascii.Error) as exc:
            raise WireError(f"字段“{self.name}”的值无效：{str(value)[:40]}", self.name) from exc

    def _parse(self, value: Wire) -> Any:
        kind = self.kind
        if kind == "bool":
            if not isinstance(value, bool):
                raise ValueError(value)
            return value
        if kind == "int":
            if isinstance(value, bool) or not isinstance(value, int) or abs(value) >= 2**63:
                raise ValueError(value)
            return value
        if kind == "float":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ValueError(value)
            return float(value)
        if not isinstance(value, str):
            raise ValueError(value)
        if kind == "uuid":
            return parse_uuid(value, self.name)
        if kind == "datetime":
            return _dt_from_wire(value)
        if kind == "date":
            if len(value) != 10:
                raise ValueError(value)
            return date.fromisoformat(value)
        if kind == "decimal":
            number = Decimal(value)
            quantized = number.quantize(Decimal(1).scaleb(-self.places))
            if not number.is_finite() or quantized != number or abs(quantized) >= 10 ** (17 - self.places):
                raise ValueError(value)
            return quantized
        if kind == "enum":
            assert self.choices is not None
            if value not in self.choices:
                raise WireError(f"字段“{self.name}”的取值“{value[:30]}”无效", self.name)
            return self.choices[value]
        if kind == "bytes":
            return base64.b64decode(value.encode("ascii"), validate=True)
        # The declared length is the forms' business (SQLite does not enforce it either); the wire only
        # refuses what no ledger field could hold.
        if len(value) > MAX_TEXT:
            raise WireError(f"字段“{self.name}”超过 {MAX_TEXT} 个字", self.name)
        return value

    def canonical(self, value: Wire) -> Wire:
        """The canonical spelling of a wire value, or WireError."""
        return self.to_wire(self.from_wire(value))


@dataclass(frozen=True)
class TableSpec:
    """A synced table: its fields (without the local-only ones) and how its rows are scoped."""

    name: str
    model: type[Any]
    fields: Mapping[str, FieldSpec]
    township_scoped: bool  # has a township_id column
    encoders: tuple[tuple[str, Callable[[Any], Wire]], ...] = field(default=(), compare=False)

    @property
    def is_reference(self) -> bool:
        return not self.township_scoped

    def scope_for(self, township: Wire) -> str:
        """The scope a row with this township (wire hex or None) belongs to."""
        if not self.township_scoped:
            return COUNTY_SCOPE
        if township is None:
            return PRIVATE_SCOPE if self.name in PRIVATE_WHEN_NULL else COUNTY_SCOPE
        return str(township)

    def row_scope(self, data: Mapping[str, Wire]) -> str:
        return self.scope_for(data.get("township_id") if self.township_scoped else None)

    def row_to_wire(self, row: Mapping[Any, Any]) -> dict[str, Wire]:
        """A row (column name -> Python value) as wire data, without the local-only columns."""
        return {name: encode(row[name]) for name, encode in self.encoders if name in row}

    def canonical_fields(self, fields: object, *, allow_unknown: bool = False) -> dict[str, Wire]:
        """Validate a change's fields (wire) and return them canonical; WireError names the first bad one.

        ``allow_unknown``: a field this version does not know (a newer app's column) is kept as it came, if
        it is a plain JSON scalar, so the newer app's data is not lost on its way through."""
        if not isinstance(fields, dict) or not fields:
            raise WireError("变更内容应为非空的字段表")
        out: dict[str, Wire] = {}
        for key, value in fields.items():
            spec = self.fields.get(key)
            if spec is not None:
                out[key] = spec.canonical(value)
            elif allow_unknown and _is_field_name(key) and _is_scalar(value):
                out[key] = value
            else:
                raise WireError(f"表“{self.name}”没有字段“{str(key)[:40]}”", str(key))
        return out

    def missing_required(self, data: Mapping[str, Wire]) -> list[str]:
        return [name for name, spec in self.fields.items() if spec.required and data.get(name) is None]

    def decode(self, data: Mapping[str, Wire]) -> dict[str, Any]:
        """Wire data -> Python values for the columns this replica knows (unknown fields are left out)."""
        known = self.fields
        return {name: known[name].from_wire(value) for name, value in data.items() if name in known}


def _is_field_name(key: object) -> bool:
    return isinstance(key, str) and 0 < len(key) <= 64 and key.isidentifier() and key not in LOCAL_ONLY


def _is_scalar(value: object) -> bool:
    if value is None or isinstance(value, bool):
        return True
    if isinstance(value, int):
        return abs(value) < 2**63
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, str) and len(value) <= MAX_TEXT


def _kind(column: Any) -> tuple[Kind, dict[str, Any]]:
    from liandian_desktop.ledger.models.base import FixedDecimal, UTCDateTime

    col_type = column.type
    if isinstance(col_type, UTCDateTime):
        return "datetime", {}
    if isinstance(col_type, FixedDecimal):
        return "decimal", {"places": col_type.places}
    if isinstance(col_type, Uuid):
        return "uuid", {}
    if isinstance(col_type, Enum):
        enum_cls = col_type.enum_class
        assert enum_cls is not None, column
        return "enum", {"choices": {str(m.value): m for m in enum_cls}}
    if isinstance(col_type, Boolean):
        return "bool", {}
    if isinstance(col_type, Integer):
        return "int", {}
    if isinstance(col_type, Float):
        return "float", {}
    if isinstance(col_type, Date):
        return "date", {}
    if isinstance(col_type, LargeBinary):
        return "bytes", {}
    if isinstance(col_type, String):
        return "str", {"max_length": col_type.length}
    raise TypeError(f"no wire form for {column} ({col_type!r})")


def _table_spec(model: type[Any]) -> TableSpec:
    table = model.__table__
    fields: dict[str, FieldSpec] = {}
    for column in table.columns:
        if column.name in LOCAL_ONLY:
            continue
        kind, extra = _kind(column)
        has_default = column.default is not None or column.server_default is not None
        fields[column.name] = FieldSpec(
            name=column.name,
            kind=kind,
            nullable=bool(column.nullable),
            required=not column.nullable and not has_default,
            **extra,
        )
    encoders = tuple((name, spec.to_wire) for name, spec in fields.items())
    return TableSpec(
        name=table.name,
        model=model,
        fields=fields,
        township_scoped="township_id" in table.columns,
        encoders=encoders,
    )


@lru_cache(maxsize=1)
def tables() -> Mapping[str, TableSpec]:
    """Every synced table by name, in dependency order (referenced tables first)."""
    from liandian_desktop.ledger.models import SYNCED_MODELS, Base

    by_table = {table_of(m).name: m for m in SYNCED_MODELS}
    ordered = [t.name for t in Base.metadata.sorted_tables if t.name in by_table]
    return {name: _table_spec(by_table[name]) for name in ordered}


def table_spec(name: object) -> TableSpec:
    spec = tables().get(name) if isinstance(name, str) else None
    if spec is None:
        raise WireError(f"未知的数据表“{str(name)[:40]}”")
    return spec


# -- digests ------------------------------------------------------------------------------------------


def row_digest(table: str, row_id: str, data: Mapping[str, Wire]) -> bytes:
    """16 bytes that change whenever any synced value of the row does. Empty (null) fields are left out, so
    a column added later as nullable does not change old rows' digests."""
    present = {k: v for k, v in data.items() if v is not None}
    return hashlib.sha256(canonical_json([table, row_id, present])).digest()[:16]


@dataclass
class Checksum:
    """Order-free summary of a set of rows: their number and the XOR of their digests."""

    count: int = 0
    value: int = 0

    def add(self, digest: bytes) -> None:
        self.count += 1
        self.value ^= int.from_bytes(digest, "big")

    def remove(self, digest: bytes) -> None:
        self.count -= 1
        self.value ^= int.from_bytes(digest, "big")

    def as_wire(self) -> list[Any]:
        return [self.count, f"{self.value:032x}"]

    @classmethod
    def from_wire(cls, value: object) -> Checksum:
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not isinstance(value[0], int)
            or not isinstance(value[1], str)
        ):
            raise WireError("校验值格式错误")
        try:
            return cls(value[0], int(value[1], 16))
        except ValueError as exc:
            raise WireError("校验值格式错误") from exc


def checksums_of(rows: Iterable[tuple[str, bytes]]) -> dict[str, Checksum]:
    """Per-key checksums of (key, digest) pairs."""
    out: dict[str, Checksum] = {}
    for key, digest in rows:
        out.setdefault(key, Checksum()).add(digest)
    return out
