"""Tampering behind the app's back (the sqlite3 shell) is detected and reported: rows by the per-scope
checksum at the end of every sync (and repaired from the county's copy, never discarding local work), the
change log by its hash chain (the sync stops before uploading anything doubtful)."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from liandian_desktop.county import admin
from liandian_desktop.ledger.models import Community, Resident
from liandian_desktop.sync.errors import ChainBrokenError
from tests.sync.harness import County, Laptop, LaptopFactory, assert_converged

pytest_plugins = ["tests.sync.harness"]


@pytest.fixture
def synced(county: County, laptops: LaptopFactory) -> tuple[Laptop, list[uuid.UUID]]:
    a = laptops(county, "A")
    a.sync()
    with a.store.transaction() as s:
        c = Community(township_id=uuid.UUID(county.township_a), code="430127100001", name="甲村")
        s.add(c)
        s.flush()
        people = [Resident(township_id=c.township_id, community_id=c.id, name=f"村民{i}") for i in range(3)]
        s.add_all(people)
        s.flush()
        ids = [c.id] + [p.id for p in people]
    a.sync()
    return a, ids


def alerts(county: County) -> list[str]:
    return [a.kind for a in admin.alerts(county.engine)]


def test_a_row_altered_outside_the_app_is_detected_reported_and_restored(
    county: County, synced: tuple[Laptop, list[uuid.UUID]]
) -> None:
    a, (_community, *people) = synced
    a.sql("UPDATE residents SET name = '冒名' , phone = '110' WHERE id = ?", people[0].hex)
    report = a.sync()
    assert report.repaired == 1 and report.verified and report.needs_attention
    [issue] = a.client.issues()
    assert issue.kind == "repaired" and "name" in issue.message and "phone" in issue.message
    with a.store.session() as s:
        assert s.get(Resident, people[0]).name == "村民0"  # type: ignore[union-attr]
    assert alerts(county) == ["repaired"]
    assert any(p.name.startswith("ledger-") for p in (a.folder / "backups").iterdir())  # copy before repair
    assert_converged(county, a)
    assert a.sync().needs_attention is False


def test_a_row_deleted_outside_the_app_comes_back(
    county: County, synced: tuple[Laptop, list[uuid.UUID]]
) -> None:
    a, (_community, *people) = synced
    a.sql("DELETE FROM residents WHERE id = ?", people[1].hex)
    report = a.sync()
    assert report.repaired == 1 and report.verified
    with a.store.session() as s:
        assert s.get(Resident, people[1]) is not None
    assert alerts(county) == ["repaired"]
    assert_converged(county, a)


def test_a_row_added_outside_the_app_is_reported_and_kept(
    county: County, synced: tuple[Laptop, list[uuid.UUID]]
) -> None:
    a, (community, *_people) = synced
    sneaky = uuid.uuid4()
    a.sql(
        "INSERT INTO residents (id, township_id, community_id, name, phone, address, household_no,"
        " special_groups, health_note, disability_note, note, created_at, updated_at, device_id)"
        " VALUES (?, ?, ?, '外来', '', '', '', '', '', '', '', '2026-03-01 00:00:00.000000',"
        " '2026-03-01 00:00:00.000000', '')",
        sneaky.hex,
        county.township_a,
        community.hex,
    )
    report = a.sync()
    assert report.adopted == 1 and report.verified  # never discarded: queued and uploaded
    assert county.record("residents", sneaky)["name"] == "外来"  # type: ignore[index]
    assert alerts(county) == ["adopted"]
    assert_converged(county, a)


def test_an_unsynced_row_altered_after_its_edit_was_logged(
    county: County, synced: tuple[Laptop, list[uuid.UUID]]
) -> None:
    a, (_community, *people) = synced
    with a.store.transaction() as s:
        s.get(Resident, people[2]).phone = "13700000000"  # type: ignore[union-attr]
    a.sql("UPDATE residents SET phone = '999' WHERE id = ?", people[2].hex)
    report = a.sync()
    assert report.uploaded == 1 and report.repaired == 1  # the logged edit went up; the row was put right
    with a.store.session() as s:
        assert s.get(Resident, people[2]).phone == "13700000000"  # type: ignore[union-attr]
    assert_converged(county, a)


def test_an_altered_change_log_stops_the_sync_and_is_reported(
    county: County, synced: tuple[Laptop, list[uuid.UUID]]
) -> None:
    a, (community, *_people) = synced
    with a.store.transaction() as s:
        s.get(Community, community).population = 100  # type: ignore[union-attr]
    a.sql(
        "UPDATE sync_changes SET fields = '{\"population\":100000}'"
        " WHERE seq = (SELECT max(seq) FROM sync_changes)"
    )
    before = county.checks()
    with pytest.raises(ChainBrokenError) as err:
        a.sync()
    assert "变更日志" in err.value.message and err.value.exit_code == 6
    assert county.checks() == before  # nothing uploaded
    assert alerts(county) == ["chain"]
    assert [i.kind for i in a.client.issues()] == ["chain"]


def test_a_change_removed_from_the_middle_of_the_log_is_detected(
    county: County, synced: tuple[Laptop, list[uuid.UUID]]
) -> None:
    a, (community, *_people) = synced
    for value in (1, 2, 3):
        with a.store.transaction() as s:
            s.get(Community, community).population = value  # type: ignore[union-attr]
    a.sql("DELETE FROM sync_changes WHERE seq = (SELECT max(seq) - 1 FROM sync_changes)")
    with pytest.raises(ChainBrokenError):
        a.sync()
    assert a.client.verify_log() is not None


def test_the_whole_log_verifies_after_normal_use(synced: tuple[Laptop, list[uuid.UUID]]) -> None:
    a, _ids = synced
    assert a.client.verify_log() is None
    with a.store.session() as s:
        assert s.scalar(select(Community.name)) == "甲村"


def test_rows_that_predate_the_change_log_are_uploaded_whole(
    county: County, synced: tuple[Laptop, list[uuid.UUID]]
) -> None:
    """A ledger kept before sync existed (schema 0002) has rows with no log entry; editing one logs only the
    changed field. The server does not know the row: the check at the end of the sync uploads it whole."""
    a, (community, *_people) = synced
    old = uuid.uuid4()
    a.sql(
        "INSERT INTO residents (id, township_id, community_id, name, phone, address, household_no,"
        " special_groups, health_note, disability_note, note, created_at, updated_at, device_id)"
        " VALUES (?, ?, ?, '老住户', '', '', '', '', '', '', '', '2025-01-01 00:00:00.000000',"
        " '2025-01-01 00:00:00.000000', '')",
        old.hex,
        county.township_a,
        community.hex,
    )
    with a.store.transaction() as s:
        s.get(Resident, old).phone = "13600000000"  # type: ignore[union-attr]
    report = a.sync()
    assert report.rejected == [] and report.adopted == 1 and report.verified
    assert county.record("residents", old)["phone"] == "13600000000"  # type: ignore[index]
    assert_converged(county, a)
