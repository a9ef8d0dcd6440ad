"""The inspection PDF's view of the KPI engine (``liandian_desktop.kpi``): the one place paper uses it.

Scope, period, the figures with their targets, and the response verdict of each order come from the KPI
engine, so the PDF shows the same numbers, by the same rules, as the KPI screen and ``liandian kpi``. If the
engine's interface moves, only this module changes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction

from sqlalchemy.orm import Session

from liandian_desktop.kpi import KpiReport, Period, find_scope, judge_response, parse_period
from liandian_desktop.kpi.periods import quarter_period
from liandian_desktop.kpi.report import kpis_in
from liandian_desktop.kpi.response import OrderRow, order_rows
from liandian_desktop.kpi.scope import ResolvedScope, resolve_scope
from liandian_desktop.ledger.models import WorkOrder

__all__ = [
    "KpiLine",
    "Period",
    "ResolvedScope",
    "ResponseNote",
    "ServiceLine",
    "current_quarter",
    "kpi_lines",
    "resolve",
    "response_notes",
]


def current_quarter(today: date) -> Period:
    return quarter_period(today.year, (today.month - 1) // 3 + 1)


def resolve(session: Session, scope: str, period: str | None, today: date) -> tuple[ResolvedScope, Period]:
    """``scope``: ``township`` | ``community:<代码或名称>`` | ``unit:<名称>``; ``period``: ``2026``,
    ``2026-Q3``, ``2026-03`` or ``2026-01-01..2026-03-31``, default the current quarter."""
    chosen = parse_period(period) if period else current_quarter(today)
    return resolve_scope(session, find_scope(session, scope), chosen), chosen


@dataclass(frozen=True)
class KpiLine:
    group: str
    label: str
    value: str
    target: str
    meets: bool | None
    detail: str  # numerator ÷ denominator, and any note


@dataclass(frozen=True)
class ServiceLine:
    community: str
    service: str
    expected: int
    actual: int
    met: bool | None  # None: not judged in this period
    how: str


def _plain(value: Fraction | None) -> str:
    if value is None:
        return ""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.2f}"


def kpi_lines(
    session: Session, scope: ResolvedScope, period: Period, as_of: datetime
) -> tuple[KpiReport, list[KpiLine], list[ServiceLine]]:
    report = kpis_in(session, period, scope.scope, as_of=as_of)
    lines = []
    for fig in report.figures.values():
        parts = []
        if fig.denominator is not None and fig.numerator is not None:
            parts.append(f"{_plain(fig.numerator)} ÷ {_plain(fig.denominator)}")
        if fig.note:
            parts.append(fig.note)
        lines.append(
            KpiLine(fig.group, fig.label, fig.display(), fig.target_display(), fig.meets, "；".join(parts))
        )
    services = [
        ServiceLine(
            r.community,
            r.service,
            r.expected,
            r.actual,
            (r.actual >= r.expected) if r.judged else None,
            r.how,
        )
        for r in report.services
    ]
    return report, lines, services


@dataclass(frozen=True)
class ResponseNote:
    label: str  # 按时响应 / 超时响应 / 超时未联系 / 待定 / 未派单 / 已撤回 / 无效
    late: bool  # late or overdue
    reason: str  # the KPI engine's one-line explanation


def response_notes(
    session: Session, order_ids: list[uuid.UUID], report: KpiReport
) -> dict[uuid.UUID, ResponseNote]:
    """The KPI engine's verdict on each order's response: on time, late, overdue, pending, excluded."""
    notes = {}
    rows: list[OrderRow] = []
    for start in range(0, len(order_ids), 500):  # SQLite's limit on bound parameters
        rows += order_rows(session, WorkOrder.id.in_(order_ids[start : start + 500]))
    for row in rows:
        verdict = judge_response(row, report.settings.clock, report.as_of)
        late = verdict.outcome.value in ("late", "overdue")
        notes[row.id] = ResponseNote(verdict.outcome.label, late, verdict.reason)
    return notes
