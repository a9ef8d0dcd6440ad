"""Property: several laptops (two of one township, one of another) and the county make random edits,
creations and deletions, with device clocks ±24 h off, and sync at random through connections that drop
on the way up or down and clients that crash while applying a download. After everyone syncs, every replica
equals the county's copy of its scopes, every logged change reached the server exactly once, and no edit
was silently lost."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from liandian_desktop.county import admin
from liandian_desktop.ledger.models import Community, Resident
from liandian_desktop.ledger.models import base as model_base
from liandian_desktop.sync import merge
from liandian_desktop.sync.client import SyncClient
from liandian_desktop.sync.errors import SyncError
from tests.sync.harness import (
    County,
    CountyIds,
    Laptop,
    assert_converged,
    copy_sqlite_template,
    make_county,
    new_ledger,
)
from tests.sync.proxy import CuttingProxy, Fault

pytest_plugins = ["tests.sync.harness"]

LAPTOPS = ("A", "A", "B")
FIELDS = {
    "residents": {
        "name": st.sampled_from(["王芳", "李𠅤", "张喆"]),
        "phone": st.sampled_from(["", "13800000001"]),
        "address": st.text(alphabet="路街号村一二三", max_size=6),
    },
    "communities": {"population": st.integers(0, 9999), "name": st.sampled_from(["甲村", "乙村", "丙社区"])},
}


class MemoryCredentials:
    description = "内存"

    def __init__(self) -> None:
        self.secrets: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self.secrets.get(name)

    def set(self, name: str, secret: str) -> None:
        self.secrets[name] = secret

    def delete(self, name: str) -> None:
        self.secrets.pop(name, None)


@dataclass
class World:
    county: County
    laptops: list[Laptop]
    proxies: list[CuttingProxy]
    skews: list[timedelta]
    records: dict[str, list[str]]  # township -> "table:id" the laptops of that township can edit
    written: dict[tuple[str, str, str], set[tuple[str, Any]]] = field(
        default_factory=dict
    )  # (table, id, field)
    creates: int = 0


ops = st.lists(
    st.one_of(
        st.tuples(st.just("edit"), st.integers(0, 2), st.integers(0, 50), st.data()),
        st.tuples(st.just("create"), st.integers(0, 2)),
        st.tuples(st.just("delete"), st.integers(0, 2), st.integers(0, 50)),
        st.tuples(st.just("county"), st.integers(0, 1), st.integers(0, 50), st.data()),
        st.tuples(
            st.just("sync"),
            st.integers(0, 2),
            st.sampled_from([None, None, "up", "down", "crash"]),
            st.integers(100, 6000),
        ),
    ),
    min_size=4,
    max_size=24,
)


@contextmanager
def clock(skew: timedelta) -> Iterator[None]:
    real = model_base.datetime

    class Skewed(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Any:
            return real.now(tz) + skew

    model_base.datetime = Skewed  # type: ignore[misc]
    try:
        yield
    finally:
        model_base.datetime = real  # type: ignore[misc]


def build_world(
    folder: Path, template: Path, county_template: tuple[Path, CountyIds], skews: list[timedelta], batch: int
) -> World:
    county = make_county(*copy_sqlite_template(county_template, folder))
    laptops, proxies = [], []
    for index, township in enumerate(LAPTOPS):
        twp = county.township_a if township == "A" else county.township_b
        proxy = CuttingProxy(county.server.port)
        store = new_ledger(folder / f"laptop{index}", template)
        client = SyncClient(
            store, folder / f"laptop{index}", credentials=MemoryCredentials(), retry_delay=0.0
        )
        client.enrol(proxy.url, county.code(twp))
        laptops.append(Laptop(store, client, folder / f"laptop{index}", twp))
        proxies.append(proxy)
    world = World(county, laptops, proxies, skews, {county.township_a: [], county.township_b: []})
    for index in (0, 2):  # one laptop of each township sets up a community with residents
        laptop = laptops[index]
        laptop.sync()
        with laptop.store.transaction() as s:
            c = Community(township_id=uuid.UUID(laptop.township), code=f"43012710{index}001", name="村")
            s.add(c)
            s.flush()
            people = [
                Resident(township_id=c.township_id, community_id=c.id, name=f"居民{i}") for i in range(3)
            ]
            s.add_all(people)
            s.flush()
            world.records[laptop.township] += [f"communities:{c.id.hex}"] + [
                f"residents:{p.id.hex}" for p in people
            ]
        laptop.sync()
    for laptop in laptops:
        laptop.sync()
        laptop.client.download_batch = batch  # small batches from here on: many cursor boundaries
    return world


def pick(world: World, township: str, index: int) -> tuple[str, str]:
    keys = world.records[township]
    table, row_id = keys[index % len(keys)].split(":")
    return table, row_id


def run(world: World, op: tuple[Any, ...]) -> None:
    kind = op[0]
    if kind == "edit":
        _, who, index, data = op
        laptop = world.laptops[who]
        table, row_id = pick(world, laptop.township, index)  # type: ignore[arg-type]
        name = data.draw(st.sampled_from(sorted(FIELDS[table])))
        value = data.draw(FIELDS[table][name])
        model = Community if table == "communities" else Resident
        with clock(world.skews[who]), laptop.store.transaction() as s:
            row = s.get(model, uuid.UUID(row_id))
            if row is None:  # not downloaded yet on this laptop
                return
            setattr(row, name, value)
        world.written.setdefault((table, row_id, name), set()).add((laptop.client.store.device_id, value))
    elif kind == "create":
        laptop = world.laptops[op[1]]
        with clock(world.skews[op[1]]), laptop.store.transaction() as s:
            community = s.scalar(select(Community).where(Community.township_id == uuid.UUID(laptop.township)))
            if community is None:
                return
            person = Resident(township_id=community.township_id, community_id=community.id, name="新人")
            s.add(person)
            s.flush()
            world.records[laptop.township].append(f"residents:{person.id.hex}")  # type: ignore[index]
        world.creates += 1
    elif kind == "delete":
        laptop = world.laptops[op[1]]
        table, row_id = pick(world, laptop.township, op[2])  # type: ignore[arg-type]
        with clock(world.skews[op[1]]), laptop.store.transaction() as s:
            row = s.get(Resident if table == "residents" else Community, uuid.UUID(row_id))
            if row is not None and row.deleted_at is None:
                row.deleted_at = model_base.utcnow()
    elif kind == "county":
        _, which, index, data = op
        township = world.county.township_a if which == 0 else world.county.township_b
        table, row_id = pick(world, township, index)
        name = data.draw(st.sampled_from(sorted(FIELDS[table])))
        value = data.draw(FIELDS[table][name])
        if world.county.record(table, row_id) is None:
            return
        world.county.edit(table, row_id, **{name: value})
        world.written.setdefault((table, row_id, name), set()).add(("county", value))
    elif kind == "sync":
        _, who, fault, after = op
        laptop, proxy = world.laptops[who], world.proxies[who]
        if fault == "up":
            proxy.faults = [Fault(upstream_after=after)]
        elif fault == "down":
            proxy.faults = [Fault(downstream_after=after)]
        original = merge.apply_records
        if fault == "crash":  # the laptop dies while applying a download: its transaction never commits

            def crash(*args: Any, **kwargs: Any) -> merge.MergeStats:
                original(*args, **kwargs)
                raise SystemExit("crash")

            merge.apply_records = crash  # type: ignore[assignment]
        try:
            laptop.sync()
        except (SyncError, SystemExit):
            pass
        finally:
            merge.apply_records = original  # type: ignore[assignment]
            proxy.faults = []


def check(world: World) -> None:
    for _ in range(2):
        for laptop in world.laptops:
            report = laptop.sync()
    assert report.verified
    assert_converged(world.county, *world.laptops)
    for laptop in world.laptops:  # converged by the protocol itself, never by the checksum repair
        assert all(r.repaired == 0 and r.adopted == 0 for r in laptop.reports)
    heads = {d.id: d.chain_seq for d in admin.device_list(world.county.engine)}
    for laptop in world.laptops:
        assert laptop.pending() == 0
        assert heads[laptop.store.device_id] == laptop.log_size()  # every change arrived, once
        assert laptop.client.verify_log() is None
    residents = sum(len(world.county.scope_rows(t).get("residents", {})) for t in world.records)
    assert residents == 6 + world.creates  # nothing created twice, nothing lost
    for (table, row_id, name), values in world.written.items():
        final = world.county.record(table, row_id)[name]  # type: ignore[index]
        assert final in {v for _who, v in values}  # the value of some write, never another
        if len({who for who, _v in values}) == 1 and len(values) == 1:  # one writer, one value: it stands
            assert final == next(iter(values))[1]


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    program=ops,
    batch=st.sampled_from([3, 10, 2000]),
    skews=st.lists(
        st.sampled_from([timedelta(hours=-24), timedelta(0), timedelta(hours=24)]), min_size=3, max_size=3
    ),
)
def test_replicas_converge_whatever_happens(
    tmp_path_factory: pytest.TempPathFactory,
    empty_ledger: Path,
    sqlite_template: tuple[Path, CountyIds],
    program: list[Any],
    skews: list[timedelta],
    batch: int,
) -> None:
    folder = tmp_path_factory.mktemp("world")
    world = build_world(folder, empty_ledger, sqlite_template, skews, batch)
    try:
        for op in program:
            run(world, op)
        check(world)
    finally:
        for laptop in world.laptops:
            laptop.close()
        for proxy in world.proxies:
            proxy.close()
        world.county.server.stop()
        world.county.engine.dispose()
        shutil.rmtree(folder, ignore_errors=True)
