"""Reporting periods in Asia/Shanghai local dates, and the instants they cover.

A period is a run of whole local days, ``start`` … ``end`` (both included). Instants (stored as UTC) belong
to it when ``start 00:00 +08:00 ≤ instant < (end + 1 day) 00:00 +08:00``: an order dispatched at 23:59 on
31 March belongs to March, one dispatched at 00:00 on 1 April to April. Date columns (cadre days, training
dates, fund entries) are local dates already and are compared as dates.

China has kept UTC+08:00 all year since 1991, so the local zone is a fixed offset: exact for every date the
ledger holds, and it needs no tz database on Windows laptops.

Accepted spellings (``parse_period``): ``2026`` (year), ``2026-Q3`` (quarter), ``2026-03`` (month),
``2026-01-01..2026-03-31`` (a custom range of days).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from enum import StrEnum
from fractions import Fraction

from liandian_desktop.ledger.errors import ValidationError

LOCAL_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")
LOCAL_TZ_NAME = "Asia/Shanghai"


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    RANGE = "range"


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # included
    kind: PeriodKind
    label: str

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError("period", f"期间的结束日期 {self.end} 早于开始日期 {self.start}")

    # -- instants --------------------------------------------------------------------------------
    @property
    def start_instant(self) -> datetime:
        """The first instant of the period (UTC, aware)."""
        return local_midnight(self.start)

    @property
    def end_instant(self) -> datetime:
        """The first instant after the period (UTC, aware): instants are < this."""
        return local_midnight(self.end + timedelta(days=1))

    def contains(self, instant: datetime) -> bool:
        return self.start_instant <= instant < self.end_instant

    def contains_day(self, day: date) -> bool:
        return self.start <= day <= self.end

    # -- sizes -----------------------------------------------------------------------------------
    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def year_fraction(self) -> Fraction:
        """How many years the period is: each calendar year contributes its days in the period ÷ its
        length (365 or 366). A month is 31/365 (March 2026), a quarter 92/365 (Q3), a year exactly 1.
        Yearly targets (training hours, cadre days, attendances) are scaled by this."""
        total = Fraction(0)
        for year in range(self.start.year, self.end.year + 1):
            first = max(self.start, date(year, 1, 1))
            last = min(self.end, date(year, 12, 31))
            total += Fraction((last - first).days + 1, 366 if calendar.isleap(year) else 365)
        return total

    def years(self) -> list[int]:
        return list(range(self.start.year, self.end.year + 1))

    def each_day(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(self.days)]

    # -- months ----------------------------------------------------------------------------------
    @property
    def month_key(self) -> str:
        """``YYYY-MM`` of a month period (the key AssessmentResult and InnovationScore use)."""
        if self.kind is not PeriodKind.MONTH:
            raise ValidationError("period", f"“{self.label}”不是一个自然月")
        return f"{self.start.year:04d}-{self.start.month:02d}"

    def previous_month(self) -> Period:
        first = self.start.replace(day=1) - timedelta(days=1)
        return month_period(first.year, first.month)

    def describe(self) -> str:
        return f"{self.label}（{self.start.isoformat()} 至 {self.end.isoformat()}，北京时间）"


def local_midnight(day: date) -> datetime:
    """00:00 local on ``day``, as an aware UTC instant."""
    return datetime.combine(day, time(), LOCAL_TZ).astimezone(UTC)


def to_local(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise ValueError("naive datetime: give instants with a time zone")
    return instant.astimezone(LOCAL_TZ)


def local_day(instant: datetime) -> date:
    return to_local(instant).date()


def format_local(instant: datetime | None) -> str:
    """``2026-03-02 23:59`` (seconds shown only when not zero), local time."""
    if instant is None:
        return "—"
    t = to_local(instant)
    return t.strftime("%Y-%m-%d %H:%M:%S" if t.second or t.microsecond else "%Y-%m-%d %H:%M")


def month_period(year: int, month: int) -> Period:
    if not 1 <= month <= 12:
        raise ValidationError("period", f"月份应为 1–12，当前为 {month}")
    last = calendar.monthrange(year, month)[1]
    return Period(date(year, month, 1), date(year, month, last), PeriodKind.MONTH, f"{year:04d}-{month:02d}")


def quarter_period(year: int, quarter: int) -> Period:
    if not 1 <= quarter <= 4:
        raise ValidationError("period", f"季度应为 1–4，当前为 {quarter}")
    first_month = 3 * (quarter - 1) + 1
    last = calendar.monthrange(year, first_month + 2)[1]
    return Period(
        date(year, first_month, 1),
        date(year, first_month + 2, last),
        PeriodKind.QUARTER,
        f"{year:04d}-Q{quarter}",
    )


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), PeriodKind.YEAR, f"{year:04d}")


def range_period(start: date, end: date) -> Period:
    return Period(start, end, PeriodKind.RANGE, f"{start.isoformat()}..{end.isoformat()}")


_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|~|至)\s*(\d{4}-\d{2}-\d{2})$")
_MIN_YEAR, _MAX_YEAR = 2000, 2100


def _year(text: str) -> int:
    year = int(text)
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise ValidationError("period", f"年份应在 {_MIN_YEAR}–{_MAX_YEAR} 之间，当前为 {year}")
    return year


def parse_period(text: str) -> Period:
    """``2026``, ``2026-Q3``, ``2026-03`` or ``2026-01-01..2026-03-31`` → a Period (ValidationError else)."""
    s = (text or "").strip()
    if m := _YEAR.match(s):
        return year_period(_year(m.group(1)))
    if m := _QUARTER.match(s):
        return quarter_period(_year(m.group(1)), int(m.group(2)))
    if m := _MONTH.match(s):
        return month_period(_year(m.group(1)), int(m.group(2)))
    if m := _RANGE.match(s):
        try:
            start, end = date.fromisoformat(m.group(1)), date.fromisoformat(m.group(2))
        except ValueError:
            raise ValidationError("period", f"日期无效：{s}") from None
        _year(str(start.year))
        _year(str(end.year))
        return range_period(start, end)
    raise ValidationError(
        "period", f"无法识别的期间“{s}”：应为 2026、2026-Q3、2026-03 或 2026-01-01..2026-03-31"
    )


def parse_month(text: str) -> Period:
    period = parse_period(text)
    if period.kind is not PeriodKind.MONTH:
        raise ValidationError("month", f"“{text}”不是月份：应写作 2026-03")
    return period
