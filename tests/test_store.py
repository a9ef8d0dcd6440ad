"""The store: exact decimals, UTC instants, device stamping, soft delete, backups, settings."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select, text

from liandian_desktop.ledger.errors import NotFoundError
from liandian_desktop.ledger.models import FundEntry, FundKind, Resident, WorkOrder
from liandian_desktop.ledger.services.base import ListQuery, Service
from liandian_desktop.settings import ENV_DATA_DIR, Settings, resolve_paths
from liandian_desktop.store.backup import AUTO_KEEP, backup_database
from liandian_desktop.store.engine import Store
from tests.conftest import Township1


class Residents(Service):
    model = Resident


def test_amounts_are_exact(store: Store, town: Township1) -> None:
    with store.transaction() as s:
        s.add(
            FundEntry(
                township_id=town.township_id,
                community_id=town.community_ids[0],
                year=2026,
                kind=FundKind.ALLOCATION,
                amount=Decimal("100000.10"),
                entry_date=date(2026, 1, 5),
            )
        )
    with store.session() as s:
        entry = s.scalars(select(FundEntry)).one()
        assert entry.amount == Decimal("100000.10")
        assert s.execute(text("SELECT amount FROM fund_entries")).scalar() == 10000010
    with pytest.raises(Exception, match="decimal places"), store.transaction() as s:
        s.add(
            FundEntry(
                township_id=town.township_id,
                community_id=town.community_ids[0],
                year=2026,
                kind=FundKind.EXPENSE,
                amount=Decimal("1.005"),
                entry_date=date(2026, 1, 5),
            )
        )


def test_instants_round_trip_as_utc(store: Store, town: Township1) -> None:
    shanghai = timezone(timedelta(hours=8))
    at = datetime(2026, 3, 2, 23, 59, tzinfo=shanghai)
    with store.transaction() as s:
        s.add(
            WorkOrder(
                township_id=town.township_id,
                community_id=town.community_ids[0],
                code="GDX",
                title="t",
                ordered_at=at,
            )
        )
    with store.session() as s:
        got = s.scalars(select(WorkOrder)).one().ordered_at
    assert got == at and got.tzinfo == UTC and got.hour == 15
    with pytest.raises(Exception, match="naive"), store.transaction() as s:
        s.add(
            WorkOrder(
                township_id=town.township_id,
                community_id=town.community_ids[0],
                code="GDY",
                title="t",
                ordered_at=datetime(2026, 3, 2),
            )
        )


def test_changes_are_stamped_with_device_and_time(store: Store, town: Township1) -> None:
    with store.transaction() as s:
        r = Resident(township_id=town.township_id, community_id=town.community_ids[0], name="赵昇")
        s.add(r)
    first = r.updated_at
    assert r.device_id == store.device_id and len(store.device_id) == 32
    with store.transaction() as s:
        s.get(Resident, r.id).address = "识字岭 1 号"  # type: ignore[union-attr]
    with store.session() as s:
        again = s.get(Resident, r.id)
        assert again is not None and again.updated_at > first and again.device_id == store.device_id


def test_device_id_is_stable_per_ledger(store: Store) -> None:
    other = Store(store.path)
    assert other.device_id == store.device_id
    other.close()


def test_soft_delete_hides_and_restore_brings_back(store: Store, town: Township1) -> None:
    svc = Residents(store)
    with store.transaction() as s:
        r = Resident(township_id=town.township_id, community_id=town.community_ids[0], name="钱堃")
        s.add(r)
    assert svc.list(ListQuery(search="堃")).total == 1
    svc.delete(r.id)
    assert svc.list(ListQuery(search="堃")).total == 0
    assert svc.list(ListQuery(search="堃", include_deleted=True)).total == 1
    with pytest.raises(NotFoundError):
        svc.get(r.id)
    with store.session() as s:  # a tombstone, not a removal: it must reach other devices
        row = s.get(Resident, r.id)
        assert row is not None and row.deleted_at is not None
    svc.restore(r.id)
    assert svc.get(r.id).name == "钱堃"


@pytest.mark.parametrize(
    "query,expected",
    [
        ("王", {"王伟", "王秀英", "黄王"}),
        ("王伟", {"王伟"}),
        ("秀英", {"王秀英"}),
        ("𠅤", {"李𠅤"}),
        ("王 英", {"王秀英"}),
        ("１３８", {"王伟"}),
        ("赵", set()),
    ],
)
def test_search_short_chinese_queries(store: Store, town: Township1, query: str, expected: set[str]) -> None:
    with store.transaction() as s:
        for name, phone in [
            ("王伟", "13812345678"),
            ("王秀英", ""),
            ("黄王", ""),
            ("李𠅤", ""),
            ("张三", ""),
        ]:
            s.add(
                Resident(
                    township_id=town.township_id, community_id=town.community_ids[0], name=name, phone=phone
                )
            )
    page = Residents(store).list(ListQuery(search=query))
    assert {r.name for r in page.rows} == expected and page.total == len(expected)


def test_list_sorts_pages_and_refuses_unknown_columns(store: Store, town: Township1) -> None:
    with store.transaction() as s:
        for i in range(30):
            s.add(
                Resident(
                    township_id=town.township_id, community_id=town.community_ids[i % 2], name=f"居民{i:02d}"
                )
            )
    svc = Residents(store)
    page = svc.list(ListQuery(sort="name", descending=True, offset=5, limit=10))
    assert page.total == 30 and [r.name for r in page.rows] == [f"居民{i:02d}" for i in range(24, 14, -1)]
    only = svc.list(ListQuery(filters={"community_id": town.community_ids[1]}, limit=None))
    assert only.total == 15
    with pytest.raises(Exception, match="排序"):
        svc.list(ListQuery(sort="no_such_column"))


def test_backup_is_consistent_and_pruned(store: Store, town: Township1, tmp_path: Path) -> None:
    target = backup_database(store.path, tmp_path / "bk", reason="manual")
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT count(*) FROM communities").fetchone()[0] == 2  # the WAL's rows are in
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    for _ in range(AUTO_KEEP + 3):
        backup_database(store.path, tmp_path / "bk", reason="auto")
    files = list((tmp_path / "bk").glob("*.sqlite3"))
    assert len([f for f in files if f.stem.endswith("-auto")]) == AUTO_KEEP
    assert target in files  # manual backups are never pruned


def test_data_dir_flag_env_and_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "env"))
    assert resolve_paths(tmp_path / "flag").data_dir == tmp_path / "flag"
    assert resolve_paths().database == tmp_path / "env" / "ledger.sqlite3"
    monkeypatch.delenv(ENV_DATA_DIR)
    assert "LianDian" in str(resolve_paths().data_dir)


def test_settings_defaults_and_bad_values(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert Settings.load(path) == Settings()
    Settings(response_limit_hours=48, operator_name="刘玥").save(path)
    assert Settings.load(path).response_limit_hours == 48
    path.write_text('{"response_limit_hours": "lots", "language": "en"}', encoding="utf-8")
    loaded = Settings.load(path)
    assert (loaded.response_limit_hours, loaded.language) == (24, "en")
    path.write_text("{broken", encoding="utf-8")
    assert Settings.load(path) == Settings()
