"""Change capture: every edit of a synced row is logged in the same transaction, as the fields that
changed, one entry per row per transaction, chained when the transaction commits."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import insert, select, update

from liandian_desktop.ledger.errors import LedgerError
from liandian_desktop.ledger.models import ChangeLogEntry, Community, Resident
from liandian_desktop.store.engine import Store
from liandian_desktop.sync import chain
from liandian_desktop.sync.schema import table_of
from tests.conftest import Township1


def log(store: Store) -> list[chain.LoggedChange]:
    with store.engine.connect() as conn:
        return chain.read_changes(conn, 0)


def test_an_insert_is_logged_whole_and_an_edit_as_its_fields(store: Store, town: Township1) -> None:
    start = len(log(store))
    with store.transaction() as s:
        person = Resident(township_id=town.township_id, community_id=town.community_ids[0], name="张喆")
        s.add(person)
    with store.transaction() as s:
        row = s.get(Resident, person.id)
        assert row is not None
        row.phone = "13800138000"
        row.name = "张喆"  # unchanged: not logged
    entries = log(store)[start:]
    assert [(e.op, e.table) for e in entries] == [("i", "residents"), ("u", "residents")]
    assert entries[0].fields["name"] == "张喆" and "id" not in entries[0].fields
    assert "updated_at" not in entries[0].fields and "device_id" not in entries[0].fields
    assert entries[1].fields == {"phone": "13800138000"}
    assert chain.first_break(chain.genesis(store.device_id), log(store)) is None


def test_several_flushes_of_one_transaction_make_one_entry_per_row(store: Store, town: Township1) -> None:
    start = len(log(store))
    with store.transaction() as s:
        c = Community(township_id=town.township_id, code="430102001009", name="新社区")
        s.add(c)
        s.flush()
        c.population = 10
        s.flush()
        c.households = 4
    [entry] = log(store)[start:]
    assert entry.op == "i" and (entry.fields["population"], entry.fields["households"]) == (10, 4)


def test_a_rolled_back_transaction_leaves_no_entry(store: Store, town: Township1) -> None:
    start = len(log(store))
    with pytest.raises(RuntimeError), store.transaction() as s:
        s.add(Community(township_id=town.township_id, code="430102001010", name="不存在"))
        s.flush()
        raise RuntimeError
    assert len(log(store)) == start
    with store.transaction() as s:  # a savepoint rolled back inside a committed transaction
        c = Community(township_id=town.township_id, code="430102001011", name="留下")
        s.add(c)
        nested = s.begin_nested()
        s.add(Community(township_id=town.township_id, code="430102001012", name="撤销"))
        s.flush()
        nested.rollback()
    entries = log(store)[start:]
    assert [e.fields["name"] for e in entries] == ["留下"]
    assert chain.first_break(chain.genesis(store.device_id), log(store)) is None


def test_hard_deletes_and_bulk_updates_of_synced_rows_are_refused(store: Store, town: Township1) -> None:
    with pytest.raises(LedgerError, match="标记删除"), store.transaction() as s:
        s.delete(s.get(Community, town.community_ids[0]))
    with pytest.raises(LedgerError, match="批量"), store.transaction() as s:
        s.execute(update(Community).values(population=1))


def test_bulk_inserts_are_captured(store: Store, town: Township1) -> None:
    start = len(log(store))
    now = datetime.now(UTC)
    with store.transaction() as s:
        s.execute(
            insert(Resident),
            [
                {"township_id": town.township_id, "community_id": town.community_ids[0], "name": f"批量{i}"}
                for i in range(3)
            ],
        )
        s.execute(
            insert(table_of(Resident)),
            [
                {
                    "id": uuid.uuid4(),
                    "township_id": town.township_id,
                    "community_id": town.community_ids[1],
                    "name": "核心",
                    "created_at": now,
                    "updated_at": now,
                }
            ],
        )
    entries = log(store)[start:]
    assert sorted(e.fields["name"] for e in entries) == ["批量0", "批量1", "批量2", "核心"]
    with store.session() as s:
        ids = {r.hex for r in s.scalars(select(Resident.id))}
    assert {e.row_id for e in entries} == ids


def test_the_chain_detects_an_altered_entry(store: Store, town: Township1) -> None:
    with store.engine.begin() as conn:
        t = table_of(ChangeLogEntry)
        seq = conn.scalar(select(t.c.seq).order_by(t.c.seq.desc()).limit(1))
        fields = json.loads(conn.scalar(select(t.c.fields).where(t.c.seq == seq)))
        fields["name"] = "篡改"
        conn.execute(update(t).where(t.c.seq == seq).values(fields=json.dumps(fields)))
    assert chain.first_break(chain.genesis(store.device_id), log(store)) == seq - 1
