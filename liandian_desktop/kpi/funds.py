"""Special-fund figures (专项经费) of the scope's communities.

Fund entries carry a budget year. A period's fund figures use the budget year(s) it touches and the entries
dated on or before the period's last day (year to date: Q1 shows what was allocated and spent by 31 March).
- 经费使用率 = spent ÷ allocated. Target ≥ 85 %. No allocation: no data.
- 人均拨付经费 = allocated ÷ residents (the communities' recorded population). Target 20 yuan per resident
  per budget year (× the number of budget years the period touches).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.models import FundEntry, FundKind

from .coverage import places, population_note
from .figures import Figure, RecordRef, Role, Target, Unit, to_fraction
from .periods import Period
from .scope import ResolvedScope
from .settings import KpiSettings

GROUP = "经费保障"


def fund_figures(
    session: Session, scope: ResolvedScope, period: Period, settings: KpiSettings
) -> list[Figure]:
    communities = places(session, scope)
    population = sum(c.population for c in communities)
    sums: dict[tuple[uuid.UUID, int, FundKind], Decimal] = defaultdict(Decimal)
    if communities:
        for community_id, year, kind, total in session.execute(
            select(FundEntry.community_id, FundEntry.year, FundEntry.kind, func.sum(FundEntry.amount))
            .where(
                FundEntry.deleted_at.is_(None),
                FundEntry.community_id.in_([c.id for c in communities]),
                FundEntry.year.in_(period.years()),
                FundEntry.entry_date <= period.end,
            )
            .group_by(FundEntry.community_id, FundEntry.year, FundEntry.kind)
        ):
            sums[(community_id, year, kind)] += Decimal(total or 0)
    names = {c.id: c.name for c in communities}
    allocated = sum((v for (_, _, k), v in sums.items() if k is FundKind.ALLOCATION), Decimal(0))
    spent = sum((v for (_, _, k), v in sums.items() if k is FundKind.EXPENSE), Decimal(0))
    records = []
    for community_id, year in sorted(
        {(c, y) for (c, y, _k) in sums}, key=lambda cy: (names.get(cy[0], ""), cy[1])
    ):
        a = sums.get((community_id, year, FundKind.ALLOCATION), Decimal(0))
        s = sums.get((community_id, year, FundKind.EXPENSE), Decimal(0))
        records.append(
            RecordRef(
                "community",
                community_id,
                names.get(community_id, ""),
                Role.PART,
                f"{year} 年度，截至 {period.end.isoformat()}：拨付 {a} 元，支出 {s} 元",
            )
        )
    years = len(period.years())
    per_target = to_fraction(settings.coverage.fund_per_resident_year) * years
    cut = f"预算年度 {'、'.join(str(y) for y in period.years())}，记账日期不晚于 {period.end.isoformat()}"
    return [
        Figure(
            "fund_allocated",
            "拨付经费",
            Unit.YUAN,
            Fraction(allocated),
            group=GROUP,
            definition=f"范围内村（社区）专项经费拨付合计；{cut}",
            record_source=tuple(records),
        ),
        Figure(
            "fund_spent",
            "支出经费",
            Unit.YUAN,
            Fraction(spent),
            group=GROUP,
            definition=f"范围内村（社区）专项经费支出合计；{cut}",
            record_source=tuple(records),
        ),
        Figure(
            "fund_use_rate",
            "经费使用率",
            Unit.RATE,
            Fraction(spent),
            Fraction(allocated),
            Target(to_fraction(settings.coverage.fund_use_rate)),
            group=GROUP,
            definition=f"支出 ÷ 拨付；{cut}",
            note="" if allocated else "期内没有拨付记录",
            record_source=tuple(records),
        ),
        Figure(
            "fund_per_resident",
            "人均拨付经费",
            Unit.YUAN,
            Fraction(allocated),
            Fraction(population),
            Target(
                per_target,
                basis=f"每人每年 {settings.coverage.fund_per_resident_year:g} 元 × {years} 个预算年度",
            ),
            group=GROUP,
            definition=f"拨付 ÷ 常住人口；{cut}",
            note=population_note(population),
            record_source=tuple(records),
        ),
    ]
