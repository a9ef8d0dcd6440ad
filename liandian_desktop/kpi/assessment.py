"""The monthly assessment of paired units: process 40 + results 40 + innovation 20 (configurable).

Units assessed: every paired unit with a pairing in the township at some time in the month. A unit's
places are the communities it was paired with during the month; its orders are those it handles
(``WorkOrder.unit_id``); its activities those it ran (``Activity.unit_id``). Each indicator has a value
from 0 to 1 and a weight (the weights of a section sum to 1):

Process (过程考核, 40 points)
- service_frequency 0.25 — 服务频次: the standard-service compliance (``frequency``) of the unit's
  communities: mean of min(1, actual ÷ expected). Shared with co-paired units: a community's services are
  their joint duty.
- response_speed 0.20 — 响应速度: min(1, target hours ÷ mean response hours) over the unit's orders
  dispatched in the month and contacted (mean 0 → 1). 24 h target, 48 h mean → 0.5.
- ledger_completeness 0.15 — 台账完整: records whose paperwork is back in the ledger ÷ records that need
  it: the unit's activities in the month with at least one sign-in keyed in, and the unit's orders resolved
  in the month with the resident's evaluation recorded.
- meetings 0.10 — 会议出席: meetings (居民会议, 供需对接会) held in the month in the unit's communities or
  township-wide, attended ÷ held. Attended: the meeting is the unit's own (``Activity.unit_id``), or a
  sign-in row (签到 / 现场加入) bears the name of one of the unit's cadres or advisors. (Sign-in rows link
  residents and volunteers, not cadres: matching by name is the only trace the schema keeps.)
- cadre_days 0.15 — 蹲点天数: mean over the unit's full-time cadres in post of min(1, days ÷ (30 × year
  fraction)). A unit with no cadre registered scores 0 (the plan requires ≥ 2).
- training 0.15 — 培训时长: the same with training hours ÷ (40 × year fraction).

Results (结果考核, 40 points): the rates themselves, for the unit's orders — response_rate 0.25,
resolution_rate 0.25, satisfaction_rate 0.25 (definitions in ``orders``), and third_party 0.25: the
satisfaction rate of third-party evaluations (第三方测评) of the unit's orders and activities.

An indicator with no data (e.g. no order evaluated this month) is left out and the section's other weights
are scaled up to fill it (points_i = section × w_i ÷ Σ w_with_data × value_i), so a unit is neither punished
nor rewarded for what did not happen. A section with no data at all scores 0, and says so.

Innovation (创新加分, 20 points): the unit's manual score for the month (``InnovationScore``), capped at the
section's points. A score without evidence is refused when entered (``innovation``) and, if one arrives by
sync, counts 0 with the reason shown.

Sections are rounded to 2 decimals (half up) and the total is their sum, so the printed parts add up. Ranks,
deciles and lists: ``ranking``. The assistance-plan flag reads the previous month's stored result; storing a
month: ``archive``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cached_property
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.errors import NotFoundError
from liandian_desktop.ledger.models import (
    AssessmentResult,
    InnovationScore,
    Township,
    utcnow,
)
from liandian_desktop.ledger.validation import normalize_text
from liandian_desktop.store.engine import Store

from .figures import RecordRef, RecordSource, Role, plain, to_fraction
from .indicators import Measure, fetch_month, process_measures, results_measures
from .periods import Period, format_local, parse_month, to_local
from .ranking import ListColour, Placement, place_units
from .scope import only_township
from .settings import KpiSettings, settings_in

JSON_SCHEMA = "liandian.kpi.assessment/1"
SECTIONS = {"process": "过程考核", "results": "结果考核", "innovation": "创新加分"}
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    section: str
    value: Fraction | None  # 0–1; None: no data this month
    weight: Fraction  # as configured
    points: Fraction  # earned
    max_points: Fraction  # what a value of 1 would earn (after rescaling for missing data)
    reason: str
    record_source: RecordSource = field(default=(), repr=False, compare=False)

    @cached_property
    def records(self) -> tuple[RecordRef, ...]:
        source = self.record_source
        return source if isinstance(source, tuple) else tuple(source())

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "section": self.section,
            "value": None if self.value is None else float(self.value),
            "weight": float(self.weight),
            "points": float(self.points),
            "max_points": float(self.max_points),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class UnitResult:
    unit_id: uuid.UUID
    unit_name: str
    process: Decimal
    results: Decimal
    innovation: Decimal
    indicators: tuple[Indicator, ...]
    placement: Placement
    previous_bottom: bool | None  # None: the previous month is not stored
    notes: tuple[str, ...] = ()

    @property
    def total(self) -> Decimal:
        return self.process + self.results + self.innovation

    @property
    def rank(self) -> int:
        return self.placement.rank

    @property
    def colour(self) -> ListColour:
        return self.placement.colour

    @property
    def bottom_decile(self) -> bool:
        return self.placement.bottom_decile

    @property
    def assistance_plan(self) -> bool:
        return self.placement.bottom_decile and bool(self.previous_bottom)

    def indicator(self, key: str) -> Indicator:
        return next(i for i in self.indicators if i.key == key)

    def to_json(self) -> dict[str, Any]:
        return {
            "unit_id": str(self.unit_id),
            "unit": self.unit_name,
            "process": float(self.process),
            "results": float(self.results),
            "innovation": float(self.innovation),
            "total": float(self.total),
            "rank": self.rank,
            "list": self.colour.value,
            "list_label": self.colour.label,
            "list_reason": self.placement.reason,
            "top_decile": self.placement.top_decile,
            "bottom_decile": self.bottom_decile,
            "previous_bottom_decile": self.previous_bottom,
            "assistance_plan": self.assistance_plan,
            "notes": list(self.notes),
            "indicators": [i.to_json() for i in self.indicators],
        }

    def explain_lines(self) -> list[str]:
        lines = [
            f"{self.unit_name}：第 {self.rank} 名，总分 {self.total} = 过程 {self.process}"
            f" + 结果 {self.results} + 创新 {self.innovation}；{self.colour.label}（{self.placement.reason}）"
        ]
        if self.assistance_plan:
            lines.append("  连续两个月排名后 10%：启动帮扶提升计划")
        for ind in self.indicators:
            value = "无数据" if ind.value is None else plain(ind.value)
            lines.append(
                f"  [{SECTIONS[ind.section]}] {ind.label}：值 {value}，权重 {plain(ind.weight)}，"
                f"得分 {plain(ind.points)} / {plain(ind.max_points)}；{ind.reason}"
            )
        lines.extend(f"  说明：{n}" for n in self.notes)
        return lines


@dataclass(frozen=True)
class Assessment:
    month: Period
    township_id: uuid.UUID
    township_name: str
    as_of: datetime
    settings: KpiSettings
    units: tuple[UnitResult, ...]  # by rank
    stored_at: datetime | None  # when this month was stored (closed), if it was

    @property
    def closed(self) -> bool:
        return self.stored_at is not None

    def unit(self, unit: uuid.UUID | str) -> UnitResult:
        return next(u for u in self.units if unit in (u.unit_id, u.unit_name))

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": JSON_SCHEMA,
            "month": self.month.month_key,
            "township": {"id": str(self.township_id), "name": self.township_name},
            "as_of": to_local(self.as_of).isoformat(),
            "closed": self.closed,
            "stored_at": None if self.stored_at is None else to_local(self.stored_at).isoformat(),
            "weights": weights_json(self.settings),
            "units": [u.to_json() for u in self.units],
        }

    def text(self, *, detail: bool = False) -> str:
        lines = [
            f"联点单位月度考核 — {self.township_name} {self.month.month_key}",
            f"截至 {format_local(self.as_of)}"
            + (f"；本月已于 {format_local(self.stored_at)} 存档" if self.stored_at else "；本月尚未存档"),
            "排名  过程    结果    创新    总分    榜单  帮扶  单位",
        ]
        for u in self.units:
            lines.append(
                f"{u.rank:>4}  {u.process:>6}  {u.results:>6}  {u.innovation:>6}  {u.total:>6}  "
                f"{u.colour.label:<4}  {'是' if u.assistance_plan else '  '}    {u.unit_name}"
            )
        if detail:
            for u in self.units:
                lines.append("")
                lines.extend(u.explain_lines())
        return "\n".join(lines)


def weights_json(settings: KpiSettings) -> dict[str, Any]:
    weights: dict[str, Any] = settings.to_dict()["assessment"]
    return weights


# ---------------------------------------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------------------------------------


def _section(name: str, points: Fraction, items: list[Measure]) -> tuple[Decimal, list[Indicator], str]:
    """Points of one section, the missing-data weights handed to the indicators that have data."""
    available = sum((i.weight for i in items if i.value is not None), Fraction(0))
    out: list[Indicator] = []
    total = Fraction(0)
    for i in items:
        share = points * i.weight / available if (i.value is not None and available) else Fraction(0)
        earned = share * i.value if i.value is not None else Fraction(0)
        total += earned
        out.append(Indicator(i.key, i.label, name, i.value, i.weight, earned, share, i.reason, i.records))
    note = "" if available else f"{SECTIONS[name]}本月没有可计量的数据，计 0 分"
    return round_points(total), out, note


def round_points(value: Fraction | Decimal) -> Decimal:
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return value.quantize(CENT, ROUND_HALF_UP)


def _innovation(score: InnovationScore | None, s: KpiSettings) -> tuple[Decimal, Indicator]:
    cap = to_fraction(s.assessment.innovation_points)
    if score is None:
        got, why = Fraction(0), "本月没有创新加分记录"
    elif not normalize_text(score.evidence):
        got, why = Fraction(0), "创新加分没有佐证说明，不计分"
    else:
        got = min(cap, Fraction(score.score))
        why = (
            f"{score.scored_by or '评分人未记录'}评 {score.score} 分；佐证：{normalize_text(score.evidence)}"
        )
    value = got / cap if cap else None
    indicator = Indicator(
        "innovation",
        "创新加分",
        "innovation",
        value,
        Fraction(1),
        got,
        cap,
        why,
        () if score is None else (RecordRef("innovation_score", score.id, score.month, Role.PART, why),),
    )
    return round_points(got), indicator


# ---------------------------------------------------------------------------------------------------------
# The month
# ---------------------------------------------------------------------------------------------------------


def assess_in(
    session: Session,
    month: Period,
    township_id: uuid.UUID | None = None,
    *,
    settings: KpiSettings | None = None,
    as_of: datetime | None = None,
) -> Assessment:
    township_id = township_id or only_township(session)
    township = session.get(Township, township_id)
    if township is None or township.deleted_at is not None:
        raise NotFoundError(f"找不到该乡镇（街道）（{township_id}）")
    settings = settings or settings_in(session, township_id)
    as_of = as_of or utcnow()
    data = fetch_month(session, township_id, month, settings)
    a = settings.assessment
    partial: dict[uuid.UUID, tuple[Decimal, Decimal, Decimal, list[Indicator], list[str]]] = {}
    for unit_id in data.units:
        loop = data.loop.for_unit(unit_id)
        process, p_ind, p_note = _section(
            "process",
            to_fraction(a.process_points),
            process_measures(unit_id, data, loop, month, settings, as_of),
        )
        results, r_ind, r_note = _section(
            "results", to_fraction(a.results_points), results_measures(loop, settings, as_of)
        )
        innovation, i_ind = _innovation(data.innovation.get(unit_id), settings)
        notes = [n for n in (p_note, r_note) if n]
        partial[unit_id] = (process, results, innovation, [*p_ind, *r_ind, i_ind], notes)
    placements = place_units({u: p[0] + p[1] + p[2] for u, p in partial.items()}, a.lists)
    units = []
    for unit_id, (process, results, innovation, indicators, notes) in partial.items():
        previous = None if data.previous is None else data.previous.get(unit_id, False)
        if data.previous is None:
            notes.append(
                f"上月（{month.previous_month().month_key}）考核结果未存档，无法判断是否连续两个月排名后 10%"
            )
        units.append(
            UnitResult(
                unit_id,
                data.units[unit_id],
                process,
                results,
                innovation,
                tuple(indicators),
                placements[unit_id],
                previous,
                tuple(notes),
            )
        )
    units.sort(key=lambda u: (u.rank, u.unit_name))
    stored = session.scalar(
        select(func.max(AssessmentResult.created_at)).where(
            AssessmentResult.deleted_at.is_(None),
            AssessmentResult.township_id == township_id,
            AssessmentResult.month == month.month_key,
        )
    )
    return Assessment(month, township_id, township.name, as_of, settings, tuple(units), stored)


def assess_month(
    store: Store,
    month: Period | str,
    township_id: uuid.UUID | None = None,
    *,
    settings: KpiSettings | None = None,
    as_of: datetime | None = None,
) -> Assessment:
    """Score, rank and list every unit paired in the township for ``month`` (``2026-03`` or a Period).
    Nothing is stored: see ``archive.save_assessment``."""
    period = parse_month(month) if isinstance(month, str) else month
    with store.session() as session:
        return assess_in(session, period, township_id, settings=settings, as_of=as_of)
