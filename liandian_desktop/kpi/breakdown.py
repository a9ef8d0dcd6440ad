"""The closed-loop figures in other shapes, for the dashboard's charts: month by month (a trend), and one
slice per community or per paired unit of a scope. Read-only; the same functions as ``compute_kpis``
(``loop_figures``), fed with the same rows split in memory, so every bar and every point is a ``Figure``
with its target and its records.

- ``monthly_trend(store, scope, last, months=12)``: the months ending with the month that holds ``last``
  (a Period or a date). Orders are fetched once for the whole range and split by the local month of their
  dispatch (response figures) or of each evaluation (resolution and satisfaction; the last evaluation of
  an order *within each month* counts, as it does for a month period). Each month's figure equals that
  month's ``compute_kpis`` figure, target included (interim or final, month by month). The evaluation
  rate needs the resolutions of each month and is not part of the trend.
- ``breakdown(store, period, scope)``: the scope's orders of the period split by community and by unit
  (``WorkOrder.community_id`` / ``unit_id``). Within a township, a community's slice equals
  ``compute_kpis`` for that community, and a unit's slice equals it for that unit's orders in the township
  (the township's view of the unit; a unit paired in two townships has the other township's orders in its
  own unit scope). Activity evaluations (third-party, activity satisfaction) are not split.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.models import Community, Evaluation, PairedUnit, WorkOrder, utcnow
from liandian_desktop.store.engine import Store

from .evaluations import order_evaluations
from .figures import Figure
from .orders import LoopData, fetch_loop, loop_figures
from .periods import Period, local_day, month_period, range_period
from .response import order_rows
from .scope import Scope, resolve_scope
from .settings import KpiSettings, settings_in

TREND_KEYS = ("response_rate", "mean_response_hours", "resolution_rate", "satisfaction_rate")
BAR_KEYS = ("response_rate", "mean_response_hours", "resolution_rate", "satisfaction_rate", "evaluation_rate")


class SliceKind(StrEnum):
    MONTH = "month"
    COMMUNITY = "community"
    UNIT = "unit"


@dataclass(frozen=True)
class Slice:
    """One month, community or unit: its name and its closed-loop figures (``slice[key]``)."""

    kind: SliceKind
    id: uuid.UUID | None  # the community or unit; None for a month
    name: str  # 2026-03, or the community's / unit's name
    period: Period
    figures: dict[str, Figure] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Figure:
        return self.figures[key]


@dataclass(frozen=True)
class Breakdown:
    period: Period
    communities: tuple[Slice, ...]  # in code order
    units: tuple[Slice, ...]  # in name order


def trend_months(last: Period | date, months: int = 12) -> list[Period]:
    """The ``months`` calendar months that end with the month holding ``last`` (its end day)."""
    day = last.end if isinstance(last, Period) else last
    year, month = day.year, day.month
    out = []
    for _ in range(max(1, months)):
        out.append(month_period(year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


K = TypeVar("K")
R = TypeVar("R")


def _split(rows: Iterable[R], key: Callable[[R], K | None]) -> dict[K, list[R]]:
    out: dict[K, list[R]] = defaultdict(list)
    for row in rows:
        k = key(row)
        if k is not None:
            out[k].append(row)
    return out


def _month_key(instant: datetime | None) -> str | None:
    if instant is None:
        return None
    day = local_day(instant)
    return f"{day.year:04d}-{day.month:02d}"


def _pick(figures: Sequence[Figure], keys: Sequence[str]) -> dict[str, Figure]:
    by_key = {f.key: f for f in figures}
    return {k: by_key[k] for k in keys if k in by_key}


def trend_in(
    session: Session,
    scope: Scope,
    last: Period | date,
    months: int = 12,
    *,
    settings: KpiSettings | None = None,
    as_of: datetime | None = None,
) -> list[Slice]:
    periods = trend_months(last, months)
    whole = range_period(periods[0].start, periods[-1].end)
    resolved = resolve_scope(session, scope, whole)
    settings = settings or settings_in(session, resolved.settings_township)
    as_of = as_of or utcnow()
    where = resolved.order_filter()
    start, end = whole.start_instant, whole.end_instant
    dispatched = _split(
        order_rows(session, where, WorkOrder.dispatched_at >= start, WorkOrder.dispatched_at < end),
        lambda r: _month_key(r.dispatched_at),
    )
    evaluations = _split(
        order_evaluations(session, where, Evaluation.evaluated_at >= start, Evaluation.evaluated_at < end),
        lambda r: _month_key(r.evaluated_at),
    )
    out = []
    for period in periods:
        key = period.month_key
        data = LoopData(dispatched.get(key, []), evaluations.get(key, []), [], [])
        figures = loop_figures(data, settings, period, as_of)
        out.append(Slice(SliceKind.MONTH, None, key, period, _pick(figures, TREND_KEYS)))
    return out


def monthly_trend(
    store: Store,
    scope: Scope,
    last: Period | date,
    months: int = 12,
    *,
    settings: KpiSettings | None = None,
    as_of: datetime | None = None,
) -> list[Slice]:
    """Response rate, mean response time, resolution and satisfaction rate of each of the ``months``
    months ending with ``last``'s month, oldest first (see the module docstring)."""
    with store.session() as session:
        return trend_in(session, scope, last, months, settings=settings, as_of=as_of)


def breakdown_in(
    session: Session,
    period: Period,
    scope: Scope,
    *,
    settings: KpiSettings | None = None,
    as_of: datetime | None = None,
) -> Breakdown:
    resolved = resolve_scope(session, scope, period)
    settings = settings or settings_in(session, resolved.settings_township)
    as_of = as_of or utcnow()
    loop = fetch_loop(session, period, resolved.order_filter(), resolved.own_activity_filter())
    ids = {r.id for r in loop.dispatched} | {r.order_id for r in loop.evaluations if r.order_id}
    ids |= {r.id for r in loop.resolved}
    place: dict[uuid.UUID, uuid.UUID] = {r.id: r.community_id for r in loop.dispatched}
    missing = [i for i in ids if i not in place]
    for chunk in range(0, len(missing), 500):
        rows = session.execute(
            select(WorkOrder.id, WorkOrder.community_id).where(WorkOrder.id.in_(missing[chunk : chunk + 500]))
        )
        place.update((order_id, community_id) for order_id, community_id in rows)

    def community_of(order_id: uuid.UUID | None) -> uuid.UUID | None:
        return place.get(order_id) if order_id is not None else None

    d_place = _split(loop.dispatched, lambda r: r.community_id)
    e_place = _split(loop.evaluations, lambda r: community_of(r.order_id))
    r_place = _split(loop.resolved, lambda r: community_of(r.id))
    d_unit = _split(loop.dispatched, lambda r: r.unit_id)
    e_unit = _split(loop.evaluations, lambda r: r.unit_id)
    r_unit = _split(loop.resolved, lambda r: r.unit_id)

    community_ids = set(resolved.community_ids) | set(d_place) | set(e_place) | set(r_place)
    unit_ids = set(resolved.unit_ids) | set(d_unit) | set(e_unit) | set(r_unit)
    communities = session.execute(
        select(Community.id, Community.name).where(Community.id.in_(community_ids)).order_by(Community.code)
    ).all()
    units = session.execute(
        select(PairedUnit.id, PairedUnit.name).where(PairedUnit.id.in_(unit_ids)).order_by(PairedUnit.name)
    ).all()

    def slices(
        kind: SliceKind, rows: Iterable[tuple[uuid.UUID, str]], data_of: Callable[[uuid.UUID], LoopData]
    ) -> tuple[Slice, ...]:
        return tuple(
            Slice(
                kind, sid, name, period, _pick(loop_figures(data_of(sid), settings, period, as_of), BAR_KEYS)
            )
            for sid, name in rows
        )

    return Breakdown(
        period,
        slices(
            SliceKind.COMMUNITY,
            communities,
            lambda c: LoopData(d_place.get(c, []), e_place.get(c, []), [], r_place.get(c, [])),
        ),
        slices(
            SliceKind.UNIT,
            units,
            lambda u: LoopData(d_unit.get(u, []), e_unit.get(u, []), [], r_unit.get(u, [])),
        ),
    )


def breakdown(
    store: Store,
    period: Period,
    scope: Scope,
    *,
    settings: KpiSettings | None = None,
    as_of: datetime | None = None,
) -> Breakdown:
    """The scope's closed-loop figures for ``period``, one slice per community and per unit."""
    with store.session() as session:
        return breakdown_in(session, period, scope, settings=settings, as_of=as_of)
