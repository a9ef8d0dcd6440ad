"""Workforce figures: cadre days in the community (蹲点) and training hours.

Cadres in scope: full-time cadres (专职联点干部; advisors have no days target) in post at some time in the
period (start/end dates overlap it), who belong to the scope:
- unit: the unit's cadres;
- community: cadres registered to that community, or cadres with no community whose unit was paired with it
  during the period (a unit paired with two communities: its cadres appear in both);
- township / county: cadres registered to one of its communities, else to the township, else (neither
  set) cadres of a unit paired in it during the period.

- 人均蹲点天数 = Σ days in the period (a full day 1, a half day 0.5, in any community) ÷ cadres in scope.
  Target 30 a year, scaled: 30 × year fraction (March 2026: 30 × 31/365 ≈ 2.55).
- 蹲点达标率 = cadres whose days reach the scaled target ÷ cadres in scope.
- 人均培训时长 = Σ training hours in the period ÷ workers. Workers: the scope's full-time cadres (with or
  without training) plus everyone else with a training record in scope in the period. The ledger has no
  roster of grassroots workers, so a worker with no cadre record and no training is invisible; the note
  says so. Trainees are told apart by cadre, else by community and name. Target 40 h a year, scaled.
- 培训达标率 = workers whose hours reach the scaled target ÷ workers.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import ColumnElement, and_, false, func, or_, select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.models import Cadre, CadreDay, CadreDayKind, CadreKind, TrainingRecord

from .figures import Figure, RecordRef, Role, Target, Unit, plain, rate, to_fraction
from .periods import Period
from .scope import ResolvedScope, ScopeKind
from .settings import KpiSettings

GROUP = "队伍建设"


@dataclass(frozen=True)
class CadreRow:
    id: uuid.UUID
    name: str
    unit_id: uuid.UUID | None


def in_post(period: Period) -> ColumnElement[bool]:
    return and_(
        Cadre.deleted_at.is_(None),
        Cadre.kind == CadreKind.FULL_TIME,
        or_(Cadre.start_date.is_(None), Cadre.start_date <= period.end),
        or_(Cadre.end_date.is_(None), Cadre.end_date >= period.start),
    )


def scope_cadres(session: Session, scope: ResolvedScope, period: Period) -> list[CadreRow]:
    communities = Cadre.community_id.in_(scope.community_ids) if scope.community_ids else false()
    units = Cadre.unit_id.in_(scope.unit_ids) if scope.unit_ids else false()
    if scope.kind is ScopeKind.UNIT:
        belongs: ColumnElement[bool] = Cadre.unit_id == scope.scope.id
    elif scope.kind is ScopeKind.COMMUNITY:
        belongs = or_(communities, and_(Cadre.community_id.is_(None), units))
    else:
        townships = Cadre.township_id.in_(scope.township_ids) if scope.township_ids else false()
        belongs = or_(
            communities,
            and_(Cadre.community_id.is_(None), townships),
            and_(Cadre.community_id.is_(None), Cadre.township_id.is_(None), units),
        )
    rows = session.execute(
        select(Cadre.id, Cadre.name, Cadre.unit_id)
        .where(in_post(period), belongs)
        .order_by(Cadre.name, Cadre.id)
    )
    return [CadreRow(*r) for r in rows]


def cadre_days(session: Session, cadre_ids: list[uuid.UUID], period: Period) -> dict[uuid.UUID, Fraction]:
    """Days in the period per cadre: full days count 1, half days 0.5 (exact)."""
    totals: dict[uuid.UUID, Fraction] = defaultdict(Fraction)
    if not cadre_ids:
        return totals
    for cadre_id, kind, n in session.execute(
        select(CadreDay.cadre_id, CadreDay.kind, func.count(CadreDay.id))
        .where(
            CadreDay.deleted_at.is_(None),
            CadreDay.cadre_id.in_(cadre_ids),
            CadreDay.day >= period.start,
            CadreDay.day <= period.end,
        )
        .group_by(CadreDay.cadre_id, CadreDay.kind)
    ):
        totals[cadre_id] += Fraction(n, 2) if kind is CadreDayKind.HALF else Fraction(n)
    return totals


TraineeKey = tuple[uuid.UUID | None, uuid.UUID | None, str]  # (cadre, community, name)


def training_hours(
    session: Session, period: Period, cadre_ids: list[uuid.UUID], place: ColumnElement[bool]
) -> dict[TraineeKey, Fraction]:
    """Hours per trainee in the period: records of these cadres, or matching ``place``."""
    belongs = or_(TrainingRecord.cadre_id.in_(cadre_ids), place) if cadre_ids else place
    totals: dict[TraineeKey, Fraction] = defaultdict(Fraction)
    for cadre_id, community_id, name, hours in session.execute(
        select(
            TrainingRecord.cadre_id,
            TrainingRecord.community_id,
            TrainingRecord.trainee_name,
            TrainingRecord.hours,
        ).where(
            TrainingRecord.deleted_at.is_(None),
            belongs,
            TrainingRecord.training_date >= period.start,
            TrainingRecord.training_date <= period.end,
        )
    ):
        key: TraineeKey = (cadre_id, None, "") if cadre_id is not None else (None, community_id, name)
        totals[key] += Fraction(hours if isinstance(hours, Decimal) else Decimal(hours))
    return totals


def _training_place(scope: ResolvedScope) -> ColumnElement[bool]:
    if scope.kind is ScopeKind.UNIT:
        return false()
    if scope.kind is ScopeKind.COMMUNITY:
        return TrainingRecord.community_id == scope.scope.id
    return TrainingRecord.township_id.in_(scope.township_ids) if scope.township_ids else false()


def workforce_figures(
    session: Session, scope: ResolvedScope, period: Period, settings: KpiSettings
) -> list[Figure]:
    cov = settings.coverage
    yf = period.year_fraction()
    cadres = scope_cadres(session, scope, period)
    ids = [c.id for c in cadres]
    days = cadre_days(session, ids, period)
    day_target = to_fraction(cov.cadre_days_year) * yf
    day_basis = f"年目标 {cov.cadre_days_year:g} 天 × 期间 {plain(yf)} 年 = {plain(day_target)} 天"

    def day_ref(c: CadreRow) -> RecordRef:
        got = days.get(c.id, Fraction(0))
        ok = got >= day_target
        return RecordRef(
            "cadre",
            c.id,
            c.name,
            Role.HIT if ok else Role.MISS,
            f"期内蹲点 {plain(got)} 天（半天计 0.5），{'达到' if ok else '未达到'} {plain(day_target)} 天",
        )

    day_refs = tuple(day_ref(c) for c in cadres)
    hours = training_hours(session, period, ids, _training_place(scope))
    names = {c.id: c.name for c in cadres}
    workers: dict[TraineeKey, Fraction] = {(c.id, None, ""): Fraction(0) for c in cadres}
    for key, h in hours.items():
        workers[key] = workers.get(key, Fraction(0)) + h
    if any(k[0] is not None and k[0] not in names for k in workers):
        for cid, name in session.execute(
            select(Cadre.id, Cadre.name).where(Cadre.id.in_([k[0] for k in workers if k[0] is not None]))
        ):
            names.setdefault(cid, name)
    hour_target = to_fraction(cov.training_hours_year) * yf
    hour_basis = f"年目标 {cov.training_hours_year:g} 小时 × 期间 {plain(yf)} 年 = {plain(hour_target)} 小时"

    def worker_ref(key: TraineeKey, h: Fraction) -> RecordRef:
        ok = h >= hour_target
        who = names.get(key[0], "") if key[0] is not None else key[2]
        what = "联点干部" if key[0] is not None else "培训人员"
        return RecordRef(
            "cadre" if key[0] else "trainee",
            key[0],
            who,
            Role.HIT if ok else Role.MISS,
            f"{what}，期内培训 {plain(h)} 小时，{'达到' if ok else '未达到'} {plain(hour_target)} 小时",
        )

    worker_refs = tuple(
        worker_ref(k, h) for k, h in sorted(workers.items(), key=lambda kv: (kv[1], str(kv[0])))
    )
    total_hours = sum(workers.values(), Fraction(0))
    roster_note = "台账没有基层工作人员花名册：分母为范围内专职联点干部加期内有培训记录的人员"
    return [
        Figure(
            "cadre_days_per_cadre",
            "人均蹲点天数",
            Unit.DAYS,
            sum(days.values(), Fraction(0)),
            Fraction(len(cadres)),
            Target(day_target, basis=day_basis),
            group=GROUP,
            definition="范围内在岗专职联点干部期内蹲点天数之和（全天 1、半天 0.5）÷ 干部人数",
            note="" if cadres else "范围内没有在岗的专职联点干部",
            record_source=day_refs,
        ),
        rate(
            "cadre_days_met",
            "蹲点达标率",
            sum(r.role is Role.HIT for r in day_refs),
            len(day_refs),
            group=GROUP,
            target=Target(Fraction(1), basis=day_basis),
            definition=f"期内蹲点天数达到折算目标（{plain(day_target)} 天）的专职联点干部 ÷ 干部人数",
            records=day_refs,
        ),
        Figure(
            "training_hours_per_worker",
            "人均培训时长",
            Unit.HOURS,
            total_hours,
            Fraction(len(workers)),
            Target(hour_target, basis=hour_basis),
            group=GROUP,
            definition="期内培训时长之和 ÷ 人数（范围内专职联点干部 + 期内有培训记录的其他人员）",
            note=roster_note if workers else "范围内没有干部，也没有培训记录",
            record_source=worker_refs,
        ),
        rate(
            "training_met",
            "培训达标率",
            sum(r.role is Role.HIT for r in worker_refs),
            len(worker_refs),
            group=GROUP,
            target=Target(Fraction(1), basis=hour_basis),
            definition=f"期内培训时长达到折算目标（{plain(hour_target)} 小时）的人员 ÷ 人数",
            note=roster_note,
            records=worker_refs,
        ),
    ]
