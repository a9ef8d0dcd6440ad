"""A figure (指标): its exact value, its target, and the records behind it.

Values are exact ``Fraction``s (numerator ÷ denominator), so a test or an inspector can redo the arithmetic;
``number`` gives the float for a chart. A rate with an empty denominator is ``None`` and reads "无数据":
never a division by zero, never a silent 0 %.

Every record behind a figure is a ``RecordRef``: what it is (a work order, a resident, a community …), its
id and printed code, the role it plays (counted in the numerator, only in the denominator, excluded and
shown separately, pending), and a one-line Chinese reason.

The figure itself comes from SQL aggregates or from rows already in memory; its records are built the first
time ``records`` is read (a township quarter has tens of thousands of them, and a dashboard shows figures).
Records that need the database read it then, in a session of their own: if the ledger changed in between,
compute the figure again. For every rate, the HIT records are the numerator and HIT + MISS the denominator.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction
from functools import cached_property
from typing import Any

from sqlalchemy.orm import Session


class Role(StrEnum):
    HIT = "hit"  # counted in the numerator (and the denominator)
    MISS = "miss"  # counted in the denominator only
    PART = "part"  # contributes to a sum or a mean
    EXCLUDED = "excluded"  # left out of the denominator, reported separately
    PENDING = "pending"  # not decided yet (e.g. not yet due), left out for now

    @property
    def label(self) -> str:
        return {
            "hit": "计入分子",
            "miss": "仅计入分母",
            "part": "计入合计",
            "excluded": "不计入（单列）",
            "pending": "待定（暂不计入）",
        }[self.value]


class Unit(StrEnum):
    RATE = "rate"  # a fraction, shown as a percentage
    HOURS = "hours"
    DAYS = "days"
    COUNT = "count"
    TIMES = "times"  # attendances per resident
    YUAN = "yuan"
    RATIO = "ratio"  # e.g. units per community


@dataclass(frozen=True)
class RecordRef:
    kind: str  # work_order, evaluation, resident, community, volunteer, cadre, trainee, service, fund_entry …
    id: uuid.UUID | None
    code: str  # what a person reads: an order code, a name
    role: Role
    reason: str

    def line(self) -> str:
        return f"[{self.role.label}] {self.code}：{self.reason}"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": str(self.id) if self.id is not None else None,
            "code": self.code,
            "role": self.role.value,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Target:
    threshold: Fraction
    at_least: bool = True  # ≥ threshold; False: ≤ threshold
    basis: str = ""  # 最终目标 / 阶段目标（第 9 个月）/ 按期间折算 …

    def met_by(self, value: Fraction) -> bool:
        return value >= self.threshold if self.at_least else value <= self.threshold


RecordSource = tuple[RecordRef, ...] | Callable[[], Iterable[RecordRef]]


def later(
    session: Session, load: Callable[[Session], Iterable[RecordRef]]
) -> Callable[[], Iterable[RecordRef]]:
    """Records read from the database when first asked for, in a session of their own."""
    bind = session.get_bind()

    def run() -> Iterable[RecordRef]:
        with Session(bind) as own:
            return tuple(load(own))

    return run


def to_fraction(value: float | int | Decimal | Fraction) -> Fraction:
    """Exact: 0.95 → 19/20 (through its decimal text, not its binary float)."""
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: Unit
    numerator: Fraction | None
    denominator: Fraction | None = None  # None: the figure is the numerator itself (a count, a sum)
    target: Target | None = None
    definition: str = ""  # the formula and which records belong, in Chinese
    note: str = ""  # anything particular to this result (e.g. 本期无已评价工单)
    record_source: RecordSource = field(default=(), repr=False, compare=False)
    group: str = ""

    @cached_property
    def records(self) -> tuple[RecordRef, ...]:
        source = self.record_source
        return source if isinstance(source, tuple) else tuple(source())

    @property
    def value(self) -> Fraction | None:
        if self.numerator is None:
            return None
        if self.denominator is None:
            return self.numerator
        if self.denominator == 0:
            return None
        return self.numerator / self.denominator

    @property
    def number(self) -> float | None:
        v = self.value
        return None if v is None else float(v)

    @property
    def meets(self) -> bool | None:
        v = self.value
        if v is None or self.target is None:
            return None
        return self.target.met_by(v)

    def display(self) -> str:
        return format_value(self.value, self.unit)

    def target_display(self) -> str:
        if self.target is None:
            return ""
        op = "≥" if self.target.at_least else "≤"
        return f"{op} {format_value(self.target.threshold, self.unit)}"

    def explain_lines(self, limit: int | None = None) -> list[str]:
        lines = [
            f"{self.label}：{self.display()}" + (f"（目标 {self.target_display()}）" if self.target else "")
        ]
        if self.denominator is not None and self.numerator is not None:
            lines.append(f"  = {plain(self.numerator)} ÷ {plain(self.denominator)}")
        if self.definition:
            lines.append(f"  口径：{self.definition}")
        if self.target is not None and self.target.basis:
            lines.append(f"  目标依据：{self.target.basis}")
        if self.note:
            lines.append(f"  说明：{self.note}")
        shown = self.records if limit is None else self.records[:limit]
        lines.extend("  " + r.line() for r in shown)
        if limit is not None and len(self.records) > limit:
            lines.append(f"  ……另有 {len(self.records) - limit} 条")
        return lines

    def to_json(self, *, with_records: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "label": self.label,
            "group": self.group,
            "unit": self.unit.value,
            "value": json_number(self.value),
            "numerator": json_number(self.numerator),
            "denominator": json_number(self.denominator),
            "target": json_number(self.target.threshold) if self.target else None,
            "target_op": (">=" if self.target.at_least else "<=") if self.target else None,
            "target_basis": self.target.basis if self.target else None,
            "meets": self.meets,
            "display": self.display(),
            "note": self.note,
        }
        if with_records:
            out["records"] = [r.to_json() for r in self.records]
        return out


def plain(value: Fraction) -> str:
    """A number as a person writes it: 7, 2.5, 1.333333 (exact fractions past 6 places are rounded)."""
    if value.denominator == 1:
        return str(value.numerator)
    d = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.000001"), ROUND_HALF_UP)
    return format(d.normalize(), "f")


def json_number(value: Fraction | None) -> int | float | None:
    if value is None:
        return None
    if value.denominator == 1:
        return int(value.numerator)
    return float(value)


def format_value(value: Fraction | None, unit: Unit) -> str:
    if value is None:
        return "无数据"
    if unit is Unit.RATE:
        pct = (Decimal(value.numerator) * 100 / Decimal(value.denominator)).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )
        return f"{pct}%"
    suffix = {
        Unit.HOURS: " 小时",
        Unit.DAYS: " 天",
        Unit.COUNT: "",
        Unit.TIMES: " 次",
        Unit.YUAN: " 元",
        Unit.RATIO: "",
    }[unit]
    if value.denominator == 1:
        return f"{value.numerator}{suffix}"
    d = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"{d}{suffix}"


def rate(
    key: str,
    label: str,
    hits: int,
    total: int,
    *,
    target: Target | None = None,
    definition: str = "",
    note: str = "",
    records: RecordSource = (),
    group: str = "",
) -> Figure:
    """hits ÷ total; ``None`` (无数据) when total is 0 — the note then says so."""
    if total == 0 and not note:
        note = "分母为 0，本期无数据（不是 0%）"
    return Figure(
        key, label, Unit.RATE, Fraction(hits), Fraction(total), target, definition, note, records, group
    )


def count(
    key: str,
    label: str,
    n: int,
    *,
    definition: str = "",
    records: RecordSource = (),
    group: str = "",
) -> Figure:
    return Figure(key, label, Unit.COUNT, Fraction(n), None, None, definition, "", records, group)
