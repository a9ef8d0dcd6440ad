"""The manual innovation score (创新加分) of a unit for a month, with its evidence.

- 0 ≤ score ≤ the innovation section's points (20 by default), at most 2 decimals.
- Evidence is required: what was done and what material shows it. A score without evidence is refused.
- One score per unit and month: entering a new one replaces the old (kept as a soft-deleted history row).
- A closed month (results stored) is refused unless ``force``: the stored total would no longer match;
  re-run the assessment with ``--force`` afterwards.
"""

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation

from sqlalchemy import select

from liandian_desktop.ledger.errors import NotFoundError, ValidationError
from liandian_desktop.ledger.models import InnovationScore, PairedUnit, Township, utcnow
from liandian_desktop.ledger.validation import normalize_text
from liandian_desktop.store.engine import Store

from .archive import MonthClosedError, stored_rows
from .periods import parse_month
from .settings import settings_in

MIN_EVIDENCE_CHARS = 4
CENT = Decimal("0.01")


def _score(score: Decimal | int | str) -> Decimal:
    try:
        value = Decimal(str(score).strip())
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value != value.quantize(CENT):
        raise ValidationError("score", f"创新加分应为最多两位小数的数字，当前为“{score}”")
    return value.quantize(CENT)


def record_innovation(
    store: Store,
    township_id: uuid.UUID,
    unit_id: uuid.UUID,
    month: str,
    score: Decimal | int | str,
    evidence: str,
    *,
    scored_by: str = "",
    force: bool = False,
) -> InnovationScore:
    period = parse_month(month)
    value = _score(score)
    text = normalize_text(evidence or "")
    if len(text) < MIN_EVIDENCE_CHARS:
        raise ValidationError(
            "evidence", "创新加分必须附佐证说明（做了什么、有哪些材料可查），没有佐证的分数不予登记"
        )
    with store.transaction() as session:
        if session.get(Township, township_id) is None:
            raise NotFoundError("找不到该乡镇（街道）")
        unit = session.get(PairedUnit, unit_id)
        if unit is None or unit.deleted_at is not None:
            raise NotFoundError("找不到该联点单位")
        cap = Decimal(str(settings_in(session, township_id).assessment.innovation_points))
        if not Decimal(0) <= value <= cap:
            raise ValidationError("score", f"创新加分应在 0–{cap} 分之间，当前为 {value}")
        if stored_rows(session, township_id, period.month_key) and not force:
            raise MonthClosedError(
                f"{period.month_key} 的考核结果已存档，修改创新加分需加 --force，之后请用 --force 重算该月"
            )
        now = utcnow()
        for old in session.scalars(
            select(InnovationScore).where(
                InnovationScore.deleted_at.is_(None),
                InnovationScore.township_id == township_id,
                InnovationScore.unit_id == unit_id,
                InnovationScore.month == period.month_key,
            )
        ):
            old.deleted_at = now
        row = InnovationScore(
            township_id=township_id,
            unit_id=unit_id,
            month=period.month_key,
            score=value,
            evidence=text,
            scored_by=normalize_text(scored_by or ""),
        )
        session.add(row)
        return row
