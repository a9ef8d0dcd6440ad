"""Standard-service frequency compliance (基本服务清单 频次达标) per community.

For each community in scope and each mandatory standard service with a frequency (按需 services such as
矛盾调解 are judged by response time instead), compare the activities linked to the service
(``Activity.service_id``) held in the community in the period with what the frequency asks for:

    expected = ⌊ times_per_period × number of frequency periods in the period ⌋

- 每天: every day of the period; 每上学日: Monday–Friday plus 调休 working days, minus public holidays
  (``clock.holidays``) and school vacations (``services.school_vacations``);
- 每周: days ÷ 7 (a 28-day month is 4 weeks: "5 times a week" → 20; March, 31 days → ⌊5 × 31/7⌋ = 22);
- 每月 / 每季度 / 每年: each calendar month / quarter / year touched counts by the share of its days inside
  the period (a whole month is 1; a quarter is 3 months; a month is 1/3 of a quarter → a quarterly
  service expects ⌊1/3⌋ = 0 in a single month and is not judged there).

A pair with expected = 0 is not judged (shown as excluded). ratio = min(1, actual ÷ expected).
- 服务频次达标度 = Σ ratio ÷ judged pairs (partial delivery earns partial credit; surplus does not carry).
- 服务频次达标率 = judged pairs with actual ≥ expected ÷ judged pairs.
"""

from __future__ import annotations

import calendar
import math
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.models import Activity, Frequency, StandardService

from .coverage import places
from .figures import Figure, RecordRef, Role, Target, Unit, plain, rate, to_fraction
from .periods import Period
from .scope import ResolvedScope
from .settings import KpiSettings

GROUP = "服务频次"


@dataclass(frozen=True)
class ServiceRow:
    community_id: uuid.UUID
    community: str
    service_id: uuid.UUID
    service_code: str
    service: str
    frequency: Frequency
    times: int
    expected: int
    actual: int
    how: str  # how ``expected`` was worked out, in Chinese

    @property
    def judged(self) -> bool:
        return self.expected > 0

    @property
    def ratio(self) -> Fraction | None:
        return None if not self.judged else min(Fraction(1), Fraction(self.actual, self.expected))

    @property
    def met(self) -> bool:
        return self.judged and self.actual >= self.expected

    def reason(self) -> str:
        if not self.judged:
            return f"{self.service}：{self.how}，本期不作要求（实际 {self.actual} 次）"
        ratio = self.ratio
        assert ratio is not None
        return (
            f"{self.service}：应 {self.expected} 次（{self.how}），实 {self.actual} 次，达标度 {plain(ratio)}"
        )

    def to_json(self) -> dict[str, object]:
        return {
            "community_id": str(self.community_id),
            "community": self.community,
            "service_code": self.service_code,
            "service": self.service,
            "frequency": self.frequency.value,
            "times_per_period": self.times,
            "expected": self.expected,
            "actual": self.actual,
            "ratio": None if self.ratio is None else float(self.ratio),
            "met": self.met,
        }


def _in_vacation(day: date, vacations: tuple[tuple[str, str], ...]) -> bool:
    md = day.strftime("%m-%d")
    # A range may wrap over the new year ("12-25" to "01-05").
    return any((a <= md <= b) if a <= b else (md >= a or md <= b) for a, b in vacations)


def school_days(period: Period, settings: KpiSettings) -> int:
    holidays = {date.fromisoformat(d) for d in settings.clock.holidays}
    extra = {date.fromisoformat(d) for d in settings.clock.extra_workdays}
    vacations = settings.services.school_vacations
    n = 0
    for day in period.each_day():
        working = day in extra or (day.weekday() < 5 and day not in holidays)
        if working and not _in_vacation(day, vacations):
            n += 1
    return n


def _calendar_share(period: Period, months_per_unit: int) -> Fraction:
    """How many months (1), quarters (3) or years (12) the period covers, each by its share of days."""
    total = Fraction(0)
    year, month = period.start.year, period.start.month
    month = (month - 1) // months_per_unit * months_per_unit + 1
    while date(year, month, 1) <= period.end:
        first = date(year, month, 1)
        end_month = month + months_per_unit - 1
        last = date(year, end_month, calendar.monthrange(year, end_month)[1])
        inside = (min(last, period.end) - max(first, period.start)).days + 1
        if inside > 0:
            total += Fraction(inside, (last - first).days + 1)
        nxt = last + timedelta(days=1)
        year, month = nxt.year, nxt.month
    return total


def expected_count(
    frequency: Frequency, times: int, period: Period, settings: KpiSettings
) -> tuple[int, str]:
    label = f"{frequency.label} {times} 次"
    if frequency is Frequency.ON_DEMAND:
        return 0, "按需提供"
    if frequency is Frequency.DAILY:
        return times * period.days, f"{label} × {period.days} 天"
    if frequency is Frequency.SCHOOL_DAY:
        n = school_days(period, settings)
        return times * n, f"{label} × {n} 个上学日"
    if frequency is Frequency.WEEKLY:
        units = Fraction(period.days, 7)
        return math.floor(times * units), f"{label} × {period.days}/7 周，向下取整"
    per = {Frequency.MONTHLY: (1, "个月"), Frequency.QUARTERLY: (3, "个季度"), Frequency.YEARLY: (12, "年")}
    months, word = per[frequency]
    units = _calendar_share(period, months)
    return math.floor(times * units), f"{label} × {plain(units)} {word}，向下取整"


def service_rows(
    session: Session, scope: ResolvedScope, period: Period, settings: KpiSettings
) -> list[ServiceRow]:
    communities = places(session, scope)
    if not communities:
        return []
    services = session.execute(
        select(
            StandardService.id,
            StandardService.code,
            StandardService.name,
            StandardService.frequency,
            StandardService.times_per_period,
        )
        .where(
            StandardService.deleted_at.is_(None),
            StandardService.mandatory.is_(True),
            StandardService.frequency != Frequency.ON_DEMAND,
        )
        .order_by(StandardService.sort_order, StandardService.code)
    ).all()
    counts = {
        (c, s): n
        for c, s, n in session.execute(
            select(Activity.community_id, Activity.service_id, func.count(Activity.id))
            .where(
                Activity.deleted_at.is_(None),
                Activity.service_id.is_not(None),
                Activity.community_id.in_([c.id for c in communities]),
                Activity.starts_at >= period.start_instant,
                Activity.starts_at < period.end_instant,
            )
            .group_by(Activity.community_id, Activity.service_id)
        )
    }
    expected = {s.id: expected_count(s.frequency, s.times_per_period, period, settings) for s in services}
    rows = []
    for c in communities:
        for s in services:
            n, how = expected[s.id]
            actual = counts.get((c.id, s.id), 0)
            rows.append(
                ServiceRow(
                    c.id, c.name, s.id, s.code, s.name, s.frequency, s.times_per_period, n, actual, how
                )
            )
    return rows


def compliance(rows: list[ServiceRow]) -> tuple[Fraction, int]:
    """(Σ ratio, judged pairs)."""
    judged = [r for r in rows if r.judged]
    return sum((r.ratio or Fraction(0) for r in judged), Fraction(0)), len(judged)


def frequency_figures(rows: list[ServiceRow], settings: KpiSettings) -> list[Figure]:
    def ref(r: ServiceRow) -> RecordRef:
        role = Role.EXCLUDED if not r.judged else (Role.HIT if r.met else Role.MISS)
        return RecordRef("service", r.service_id, f"{r.community}·{r.service}", role, r.reason())

    records = tuple(ref(r) for r in rows)
    total, judged = compliance(rows)
    return [
        Figure(
            "service_compliance",
            "服务频次达标度",
            Unit.RATE,
            total,
            Fraction(judged),
            Target(to_fraction(settings.coverage.service_compliance)),
            group=GROUP,
            definition=(
                "各村（社区）各项必选基本服务：min(1, 实际次数 ÷ 应开展次数) 的平均值；应开展 0 次的不计"
            ),
            note="" if judged else "本期没有需要考核频次的服务",
            record_source=records,
        ),
        rate(
            "services_met_share",
            "服务频次达标率",
            sum(r.met for r in rows),
            judged,
            group=GROUP,
            definition="实际次数达到应开展次数的（村社区 × 服务）÷ 需要考核的（村社区 × 服务）",
            records=records,
        ),
    ]
