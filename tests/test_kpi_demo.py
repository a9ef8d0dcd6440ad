"""On the demo township (realistic data), every figure's records agree with the figure: the figures come
from SQL aggregates, the records from separate, later queries, so this is where they would drift apart."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from liandian_desktop.kpi import (
    Figure,
    Role,
    Scope,
    Unit,
    assess_month,
    compute_kpis,
    explain_order,
    parse_period,
)
from liandian_desktop.ledger.models import WorkOrder
from liandian_desktop.store.engine import Store
from liandian_desktop.store.migrate import open_store

demo = pytest.importorskip("liandian_desktop.demo")
pytestmark = pytest.mark.slow

# Figures whose records are one per counted item (not per activity or per community).
ITEMISED_COUNTS = {
    "orders_dispatched",
    "orders_withdrawn",
    "orders_invalid",
    "response_pending",
    "response_overdue",
    "orders_evaluated",
    "evaluations_excluded",
    "orders_received",
}


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("demo")
    store = open_store(Path(folder) / "ledger.sqlite3", Path(folder) / "backups")
    demo.build_demo(store, scale=0.3, today=date(2026, 11, 20))
    return store


def check(fig: Figure) -> None:
    roles = Counter(r.role for r in fig.records)
    if fig.unit is Unit.RATE and fig.key not in (
        "volunteer_share",
        "frequent_participant_share",
        "service_compliance",
        "fund_use_rate",
    ):
        assert roles[Role.HIT] == fig.numerator, fig.key
        assert roles[Role.HIT] + roles[Role.MISS] == fig.denominator, fig.key
    elif fig.key in ITEMISED_COUNTS:
        assert len(fig.records) == fig.value, fig.key
    elif fig.key == "mean_response_hours":
        assert len(fig.records) == fig.denominator
    elif fig.key in ("volunteer_share", "frequent_participant_share"):
        assert len(fig.records) == fig.numerator, fig.key
    elif fig.key == "service_compliance":
        assert sum(r.role is not Role.EXCLUDED for r in fig.records) == fig.denominator
    for r in fig.records:
        assert r.reason and r.code is not None, fig.key


@pytest.mark.parametrize("period", ["2026-Q3", "2026-10", "2026"])
def test_records_agree_with_figures(ledger: Store, period: str) -> None:
    from liandian_desktop.kpi.scope import only_township

    with ledger.session() as s:
        township = only_township(s)
    rep = compute_kpis(ledger, parse_period(period), Scope.township(township))
    assert rep["orders_dispatched"].value and rep["orders_dispatched"].value > 0  # the demo has work in it
    for fig in rep.figures.values():
        check(fig)
    if period != "2026-10":
        return
    # the parts add up to the whole: the township's orders are its communities' orders
    per_community = [
        compute_kpis(ledger, parse_period(period), Scope.community(c), as_of=rep.as_of)["response_rate"]
        for c in rep.scope.community_ids
    ]
    assert sum(f.numerator or 0 for f in per_community) == rep["response_rate"].numerator
    assert sum(f.denominator or 0 for f in per_community) == rep["response_rate"].denominator


def test_assessment_and_explanations_run_on_real_data(ledger: Store) -> None:
    from sqlalchemy import select

    result = assess_month(ledger, "2026-10")
    assert len(result.units) >= 2
    assert [u.rank for u in result.units] == sorted(u.rank for u in result.units)
    for u in result.units:
        assert u.total == u.process + u.results + u.innovation
        assert 0 <= u.total <= 100
        assert sum(i.points for i in u.indicators if i.section == "process") <= 40
        for i in u.indicators:
            assert i.value is None or 0 <= i.value <= 1
            assert all(r.reason for r in i.records)
    with ledger.session() as s:
        codes = list(s.scalars(select(WorkOrder.code).order_by(WorkOrder.code).limit(40)))
    for code in codes:
        text = explain_order(ledger, code).text()
        assert code in text and "响应" in text
