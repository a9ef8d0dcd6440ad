"""``liandian kpi``: figures as text and JSON, one order explained, the monthly assessment stored once."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from liandian_desktop.cli import main
from liandian_desktop.ledger.models import Resolution, Satisfaction
from liandian_desktop.ledger.services.orders import WorkOrderService
from liandian_desktop.store.engine import Store
from tests.conftest import Township1

CST = timezone(timedelta(hours=8))

# The JSON keys scripts rely on: adding one is fine, renaming or dropping one breaks them.
FIGURE_KEYS = {
    "orders_received",
    "orders_dispatched",
    "orders_withdrawn",
    "orders_invalid",
    "response_pending",
    "response_rate",
    "response_overdue",
    "mean_response_hours",
    "orders_evaluated",
    "evaluations_excluded",
    "resolution_rate",
    "satisfaction_rate",
    "evaluation_rate",
    "third_party_satisfaction_rate",
    "activity_satisfaction_rate",
    "paired_coverage",
    "units_per_community",
    "key_communities_two_units",
    "special_groups_served",
    "volunteer_share",
    "attendances_per_resident",
    "frequent_participant_share",
    "service_compliance",
    "services_met_share",
    "cadre_days_per_cadre",
    "cadre_days_met",
    "training_hours_per_worker",
    "training_met",
    "fund_allocated",
    "fund_spent",
    "fund_use_rate",
    "fund_per_resident",
}
FIGURE_FIELDS = {
    "label",
    "group",
    "unit",
    "value",
    "numerator",
    "denominator",
    "target",
    "target_op",
    "target_basis",
    "meets",
    "display",
    "note",
}


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=CST)


@pytest.fixture
def ledger(store: Store, town: Township1, tmp_path: Path) -> dict[str, str]:
    """Three March orders: on time and satisfied, late, and withdrawn. The CLI opens the same file."""
    assert store.path == tmp_path / "ledger.sqlite3"
    svc = WorkOrderService(store)
    codes = {}
    for name, dispatched, contact in [
        ("ok", "2026-03-02 23:59", "2026-03-03 00:01"),
        ("late", "2026-03-04 09:00", "2026-03-05 09:01"),
        ("gone", "2026-03-06 09:00", None),
    ]:
        o = svc.create(town.township_id, town.community_ids[1], "漏水", ordered_at=local(dispatched))
        svc.dispatch(o.id, town.unit_ids[1], at=local(dispatched))
        if contact:
            svc.accept(o.id, at=local(dispatched))
            svc.record_first_contact(o.id, at=local(contact))
        codes[name] = o.code
        if name == "ok":
            svc.resolve(o.id, note="已修", at=local("2026-03-04 10:00"))
            svc.evaluate(o.id, Satisfaction.SATISFIED, Resolution.RESOLVED, at=local("2026-03-05 10:00"))
        if name == "gone":
            svc.withdraw(o.id, reason="重复", at=local("2026-03-06 10:00"))
    return codes


def run(tmp_path: Path, *args: str) -> int:
    return main(["--data-dir", str(tmp_path), "kpi", *args])


def test_json_has_stable_keys_and_numbers(
    ledger: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, "--period", "2026-03", "--json", "--as-of", "2026-04-30T12:00") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "liandian.kpi.report/1"
    assert data["period"] == {
        "label": "2026-03",
        "kind": "month",
        "start": "2026-03-01",
        "end": "2026-03-31",
        "timezone": "Asia/Shanghai",
    }
    assert data["scope"]["kind"] == "township" and data["scope"]["name"] == "文艺路街道"
    assert data["as_of"] == "2026-04-30T12:00:00+08:00"
    assert set(data["figures"]) == FIGURE_KEYS
    assert all(set(f) == FIGURE_FIELDS for f in data["figures"].values())
    rr = data["figures"]["response_rate"]
    # on time 1 (2 minutes), late 1 (24 h 1 min), withdrawn left out → 1/2 as a fraction, target 0.95
    assert (rr["value"], rr["numerator"], rr["denominator"], rr["target"], rr["target_op"], rr["meets"]) == (
        0.5,
        1,
        2,
        0.95,
        ">=",
        False,
    )
    assert data["figures"]["orders_withdrawn"]["value"] == 1
    assert data["figures"]["satisfaction_rate"]["value"] == 1
    assert data["figures"]["third_party_satisfaction_rate"]["value"] is None
    mean = data["figures"]["mean_response_hours"]
    assert mean["unit"] == "hours" and mean["value"] == pytest.approx((2 / 60 + 24 + 1 / 60) / 2)
    assert "records" not in rr


def test_text_scopes_and_explain_a_figure(
    ledger: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(tmp_path, "--period", "2026-Q1", "--scope", "community:八一路社区", "--as-of", "2026-04-30T12:00")
        == 0
    )
    out = capsys.readouterr().out
    assert "村（社区）：八一路社区" in out and "响应率" in out and "50.0%" in out and "目标 ≥ 95.0%" in out
    assert (
        run(
            tmp_path, "--period", "2026-03", "--scope", "unit:卫健局", "--json", "--as-of", "2026-04-30T12:00"
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["scope"]["name"] == "区卫生健康局"
    assert (
        run(
            tmp_path,
            "--period",
            "2026-03",
            "--scope",
            "community:识字岭社区",
            "--json",
            "--as-of",
            "2026-04-30T12:00",
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["figures"]["response_rate"]["value"] is None  # no order there
    assert (
        run(tmp_path, "--period", "2026-03", "--explain", "response_rate", "--as-of", "2026-04-30T12:00") == 0
    )
    out = capsys.readouterr().out
    assert f"[计入分子] {ledger['ok']}" in out and f"[仅计入分母] {ledger['late']}" in out
    assert f"[不计入（单列）] {ledger['gone']}" in out and "= 1 ÷ 2" in out


def test_explain_an_order(ledger: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, "explain", ledger["late"].lower(), "--as-of", "2026-04-30T12:00") == 0
    out = capsys.readouterr().out
    assert "截止 2026-03-05 09:00" in out and "首次联系 2026-03-05 09:01" in out and "超时" in out
    assert run(tmp_path, "explain", "GDNOSUCH") == 2


def test_refusals(ledger: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path) == 2
    assert "--period" in capsys.readouterr().err
    assert run(tmp_path, "--period", "2026-13") == 2
    assert "月份应为 1–12" in capsys.readouterr().err
    assert run(tmp_path, "--period", "2026-03", "--scope", "community:不存在") == 2
    assert "找不到" in capsys.readouterr().err
    assert run(tmp_path, "--period", "2026-03", "--explain", "no_such_figure") == 2


def test_assess_saves_once(
    ledger: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    as_of = ("--as-of", "2026-04-02T09:00")
    assert run(tmp_path, "assess", "--month", "2026-03", "--json", *as_of) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["month"] == "2026-03" and not data["closed"] and not data["saved"]
    assert {u["unit"] for u in data["units"]} == {"区民政局", "区卫生健康局"}
    assert run(tmp_path, "assess", "--month", "2026-03", "--save", *as_of) == 0
    assert "已存档 2026-03：2 个单位" in capsys.readouterr().out
    assert run(tmp_path, "assess", "--month", "2026-03", "--save", *as_of) == 2
    assert "存档（2 个单位），不再重算" in capsys.readouterr().err
    assert run(tmp_path, "assess", "--month", "2026-03", "--force", *as_of) == 2  # --force needs --save
    assert (
        run(
            tmp_path,
            "innovate",
            "--unit",
            "民政局",
            "--month",
            "2026-03",
            "--score",
            "8",
            "--evidence",
            "社区微更新项目，有验收材料",
            "--force",
        )
        == 0
    )
    assert run(tmp_path, "assess", "--month", "2026-03", "--save", "--force", "--detail", *as_of) == 0
    out = capsys.readouterr().out
    assert "已替换原存档" in out and "社区微更新项目" in out
    assert run(tmp_path, "settings") == 0
    assert json.loads(capsys.readouterr().out)["targets"]["response_rate"] == 0.95
