"""Storing a month's assessment (AssessmentResult rows): closing the month.

- A month is **closed** once its results are stored for the township. Storing it again is refused
  (``MonthClosedError``) unless ``force=True`` (``liandian kpi assess --month 2026-03 --save --force``): the
  earlier rows are then kept as history (soft-deleted, so they also reach the county by sync) and the new
  rows replace them. Nothing is ever overwritten in place.
- A month that has not ended yet (at ``as_of``) cannot be stored: its figures would still move.
- Each row keeps the section scores, total, rank, list colour, decile flags, the assistance-plan flag and
  ``details``: JSON with every indicator's value, weight, points and reason, and the weights in force.
- The next month's assistance-plan flag reads ``bottom_decile`` from these stored rows.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.errors import LedgerError, ValidationError
from liandian_desktop.ledger.models import AssessmentResult, utcnow
from liandian_desktop.store.engine import Store

from .assessment import Assessment, UnitResult, weights_json
from .periods import format_local, local_day, to_local


class MonthClosedError(LedgerError):
    """The month's assessment is already stored (closed)."""


def stored_rows(session: Session, township_id: uuid.UUID, month_key: str) -> list[AssessmentResult]:
    return list(
        session.scalars(
            select(AssessmentResult)
            .where(
                AssessmentResult.deleted_at.is_(None),
                AssessmentResult.township_id == township_id,
                AssessmentResult.month == month_key,
            )
            .order_by(AssessmentResult.rank, AssessmentResult.unit_id)
        )
    )


def stored_results(store: Store, township_id: uuid.UUID, month_key: str) -> list[AssessmentResult]:
    """The stored (closed) results of a month, by rank; empty when the month is open."""
    with store.session() as session:
        return stored_rows(session, township_id, month_key)


def _details(assessment: Assessment, unit: UnitResult) -> str:
    data = {
        "schema": "liandian.kpi.assessment.unit/1",
        "month": assessment.month.month_key,
        "as_of": to_local(assessment.as_of).isoformat(),
        "list_reason": unit.placement.reason,
        "top_decile": unit.placement.top_decile,
        "previous_bottom_decile": unit.previous_bottom,
        "notes": list(unit.notes),
        "indicators": [i.to_json() for i in unit.indicators],
        "weights": weights_json(assessment.settings),
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def save_assessment(store: Store, assessment: Assessment, *, force: bool = False) -> int:
    """Store every unit's result for the month; returns how many rows were written."""
    month = assessment.month
    if local_day(assessment.as_of) <= month.end:
        raise ValidationError(
            "month", f"{month.month_key} 尚未结束（截至 {format_local(assessment.as_of)}），不能存档"
        )
    with store.transaction() as session:
        existing = stored_rows(session, assessment.township_id, month.month_key)
        if existing and not force:
            when = max(r.created_at for r in existing)
            raise MonthClosedError(
                f"{month.month_key} 的考核结果已于 {format_local(when)} 存档（{len(existing)} 个单位），"
                "不再重算。"
                "如确需重算，请加 --force：原结果将作为历史记录保留（标记为已替换），新结果取而代之。"
            )
        now = utcnow()
        for row in existing:
            row.deleted_at = now
        for unit in assessment.units:
            session.add(
                AssessmentResult(
                    township_id=assessment.township_id,
                    unit_id=unit.unit_id,
                    month=month.month_key,
                    process_score=unit.process,
                    results_score=unit.results,
                    innovation_score=unit.innovation,
                    total=unit.total,
                    rank=unit.rank,
                    list_colour=unit.colour.value,
                    bottom_decile=unit.bottom_decile,
                    assistance_plan=unit.assistance_plan,
                    details=_details(assessment, unit),
                )
            )
        return len(assessment.units)


def replaced_rows(store: Store, township_id: uuid.UUID, month_key: str) -> list[AssessmentResult]:
    """Earlier stored results of a month that a forced re-run replaced (history), newest first."""
    with store.session() as session:
        return list(
            session.scalars(
                select(AssessmentResult)
                .where(
                    AssessmentResult.deleted_at.is_not(None),
                    AssessmentResult.township_id == township_id,
                    AssessmentResult.month == month_key,
                )
                .order_by(AssessmentResult.deleted_at.desc(), AssessmentResult.rank)
            )
        )


def closed_at(store: Store, township_id: uuid.UUID, month_key: str) -> datetime | None:
    rows = stored_results(store, township_id, month_key)
    return max((r.created_at for r in rows), default=None)
