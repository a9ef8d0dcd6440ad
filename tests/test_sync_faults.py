"""Faults: connections cut in the middle of uploads and downloads, a batch delivered twice, the client
killed with SIGKILL mid-sync, device clocks skewed by ±24 h. Every time the replicas converge, nothing is
lost and nothing is duplicated."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from liandian_desktop.county import admin, records
from liandian_desktop.county.db import DeviceLogRow, reading
from liandian_desktop.ledger.models import Community, Resident
from liandian_desktop.ledger.models import base as model_base
from liandian_desktop.sync.schema import table_of
from tests.sync.harness import County, Laptop, LaptopFactory, assert_converged
from tests.sync.proxy import CuttingProxy, Fault

pytest_plugins = ["tests.sync.harness"]

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def proxy(any_county: County) -> Iterator[CuttingProxy]:
    cutting = CuttingProxy(any_county.server.port)
    yield cutting
    cutting.close()


def add_people(laptop: Laptop, township: str, n: int, prefix: str = "居民") -> uuid.UUID:
    with laptop.store.transaction() as s:
        c = s.scalar(select(Community).where(Community.township_id == uuid.UUID(township)))
        if c is None:
            c = Community(township_id=uuid.UUID(township), code="430127100001", name="甲村")
            s.add(c)
            s.flush()
        s.add_all(
            Resident(township_id=c.township_id, community_id=c.id, name=f"{prefix}{i}") for i in range(n)
        )
        return c.id


def device_log_counts(county: County) -> tuple[int, int]:
    """(entries, distinct (device, seq)) in the server's log: equal when nothing was applied twice."""
    t = table_of(DeviceLogRow)
    with reading(county.engine) as conn:
        total = conn.scalar(select(func.count()).select_from(t)) or 0
    return int(total), int(total)  # the primary key (device, seq) makes a duplicate impossible to store


def server_residents(county: County) -> int:
    return sum(
        len(rows) for table, rows in county.scope_rows(county.township_a).items() if table == "residents"
    )


def test_upload_cut_midway_is_resent_and_applied_once(
    any_county: County, laptops: LaptopFactory, proxy: CuttingProxy
) -> None:
    a = laptops(any_county, "A", url=proxy.url)
    a.sync()
    add_people(a, any_county.township_a, 400)
    proxy.faults = [Fault(upstream_after=3000)]  # the request body is several kB: cut inside it
    report = a.sync()
    assert proxy.cuts == 1 and report.uploaded == 401 and report.verified
    assert server_residents(any_county) == 400
    assert_converged(any_county, a)


def test_download_cut_midway_resends_at_most_one_batch(
    any_county: County, laptops: LaptopFactory, proxy: CuttingProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = laptops(any_county, "A")
    a.sync()
    add_people(a, any_county.township_a, 600)
    a.sync()
    sent: list[int] = []
    original = records.download

    def counting(*args: Any, **kwargs: Any) -> records.Download:
        result = original(*args, **kwargs)
        sent.append(len(result.records))
        return result

    monkeypatch.setattr(records, "download", counting)
    batch = 100
    b = laptops(any_county, "A", url=proxy.url, download_batch=batch)
    proxy.faults = [Fault(downstream_after=9000)]  # a few batches in, then the line drops
    report = b.sync()
    assert proxy.cuts == 1 and report.verified
    total_rows = sum(len(rows) for rows in any_county.scope_rows(any_county.township_a).values())
    total_rows += sum(len(rows) for rows in any_county.scope_rows("county").values())
    assert sum(sent) - total_rows <= batch  # at most the batch in flight was sent again
    assert_converged(any_county, a, b)


def test_answer_lost_after_the_server_applied_the_batch(
    any_county: County, laptops: LaptopFactory, proxy: CuttingProxy
) -> None:
    """The same batch is delivered twice: the server applied it, the answer never arrived, the client sends
    it again."""
    a = laptops(any_county, "A", url=proxy.url)
    a.sync()
    add_people(a, any_county.township_a, 50)
    proxy.faults = [Fault(downstream_after=40)]  # the upload arrives whole; the reply is cut
    report = a.sync()
    assert proxy.cuts == 1 and report.uploaded == 51 and report.verified
    assert server_residents(any_county) == 50
    device = a.client.enrolment().device_id  # type: ignore[union-attr]
    logged = [d.chain_seq for d in admin.device_list(any_county.engine) if d.id == device]
    assert logged == [a.log_size()]
    assert_converged(any_county, a)


def test_every_connection_failing_is_offline_and_the_next_sync_completes(
    county: County, laptops: LaptopFactory
) -> None:
    from liandian_desktop.sync.errors import OfflineError

    cutting = CuttingProxy(county.server.port)
    try:
        a = laptops(county, "A", url=cutting.url)
        a.sync()
        add_people(a, county.township_a, 20)
        cutting.faults = [Fault(downstream_after=40)] * 3  # the first try and both retries
        with pytest.raises(OfflineError):
            a.sync()
        report = a.sync()
        assert report.verified and server_residents(county) == 20
        assert_converged(county, a)
    finally:
        cutting.close()


def run_cli(data: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "LIANDIAN_CREDENTIALS": "file", "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "liandian_desktop", "--data-dir", str(data), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_client_killed_mid_sync_converges_on_the_next_sync(
    county: County, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``liandian sync`` killed with SIGKILL after the server committed its upload, before the answer."""
    from liandian_desktop.store.migrate import open_store
    from liandian_desktop.sync.client import SyncClient

    monkeypatch.setenv("LIANDIAN_CREDENTIALS", "file")  # the same encrypted file the subprocess reads
    data = tmp_path / "coordinator"

    def laptop() -> Laptop:
        store = open_store(data / "ledger.sqlite3", data / "backups")
        return Laptop(store, SyncClient(store, data), data, county.township_a)

    first = laptop()
    first.client.enrol(county.url, county.code(county.township_a))
    first.sync()
    add_people(first, county.township_a, 300)
    first.close()

    in_flight = threading.Event()
    release = threading.Event()

    def hold(_device: str) -> None:  # the upload is committed on the server; the answer is not sent yet
        in_flight.set()
        release.wait(timeout=30)

    county.server.hooks.after_upload = hold
    killed = run_cli(data, "sync")
    try:
        assert in_flight.wait(timeout=60), killed.stderr.read() if killed.stderr else ""
        killed.send_signal(signal.SIGKILL)
        killed.wait(timeout=30)
    finally:
        county.server.hooks.after_upload = None
        release.set()
    assert killed.returncode == -signal.SIGKILL

    again = laptop()
    try:
        assert again.pending() == 301  # the client never heard the server accept them
        report = again.sync()
        assert report.uploaded == 301 and report.verified
        assert again.pending() == 0 and server_residents(county) == 300
        assert_converged(county, again)
    finally:
        again.close()


class _Clock:
    """``datetime`` whose ``now`` runs ahead or behind by ``offset``."""

    def __init__(self, offset: timedelta) -> None:
        self.offset = offset

    def patch(self, monkeypatch: pytest.MonkeyPatch) -> None:
        offset = self.offset

        class Skewed(datetime):
            @classmethod
            def now(cls, tz: Any = None) -> Any:
                return datetime.now(tz) + offset

        monkeypatch.setattr(model_base, "datetime", Skewed)


def test_clock_skew_of_a_day_either_way_changes_nothing(
    any_county: County, laptops: LaptopFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, slow = laptops(any_county, "A"), laptops(any_county, "A")
    fast.sync()
    community = add_people(fast, any_county.township_a, 2)
    fast.sync()
    slow.sync()
    with monkeypatch.context() as m:
        _Clock(timedelta(hours=24)).patch(m)
        with fast.store.transaction() as s:  # stamped tomorrow
            s.get(Community, community).name = "快钟"  # type: ignore[union-attr]
            s.add(Resident(township_id=uuid.UUID(any_county.township_a), community_id=community, name="明天"))
        fast.sync()
    with monkeypatch.context() as m:
        _Clock(timedelta(hours=-24)).patch(m)
        with slow.store.transaction() as s:  # stamped yesterday, but made (and sent) later
            s.get(Community, community).name = "慢钟"  # type: ignore[union-attr]
            s.add(Resident(township_id=uuid.UUID(any_county.township_a), community_id=community, name="昨天"))
        slow.sync()
    fast.sync()
    for laptop in (fast, slow):
        with laptop.store.session() as s:
            assert s.get(Community, community).name == "慢钟"  # type: ignore[union-attr]  # server order
            names = set(s.scalars(select(Resident.name)))
            assert {"明天", "昨天"} <= names
    [conflict] = admin.conflicts(any_county.engine)
    assert (conflict.kept, conflict.other) == ("慢钟", "快钟")
    assert_converged(any_county, fast, slow)
    ahead = datetime.now(UTC) + timedelta(hours=23)
    assert any(row.created_at > ahead for row in _residents(slow))  # the skewed stamp travelled as data


def _residents(laptop: Laptop) -> list[Resident]:
    with laptop.store.session() as s:
        return list(s.scalars(select(Resident)))


def test_devices_syncing_at_the_same_time(any_county: County, laptops: LaptopFactory) -> None:
    """Uploads to one scope from several devices at once: the scope's sequence stays gap-free and in commit
    order (row lock on PostgreSQL, one writer on SQLite), so no download misses anything."""
    devices = [laptops(any_county, "A") for _ in range(4)]
    devices[0].sync()
    community = add_people(devices[0], any_county.township_a, 1)
    devices[0].sync()
    for laptop in devices[1:]:
        laptop.sync()
    for index, laptop in enumerate(devices):
        with laptop.store.transaction() as s:
            s.add_all(
                Resident(
                    township_id=uuid.UUID(any_county.township_a), community_id=community, name=f"{index}号{i}"
                )
                for i in range(60)
            )
    errors: list[BaseException] = []

    def run(laptop: Laptop) -> None:
        try:
            for _ in range(3):
                laptop.sync()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(laptop,)) for laptop in devices]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    for laptop in devices:
        laptop.sync()
    assert server_residents(any_county) == 1 + 4 * 60
    assert_converged(any_county, *devices)
