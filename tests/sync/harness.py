"""The pieces sync tests are made of: a real county server (uvicorn in a thread, on a free loopback port)
over SQLite or PostgreSQL, and laptops — real ledger files with a SyncClient each."""

from __future__ import annotations

import shutil
import socket
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from sqlalchemy import Engine, func, select

from liandian_desktop.county import admin
from liandian_desktop.county.app import CountyServer, Hooks
from liandian_desktop.county.db import make_engine, reading
from liandian_desktop.county.records import scope_states
from liandian_desktop.ledger.models import SYNCED_MODELS, ChangeLogEntry
from liandian_desktop.store.engine import Store
from liandian_desktop.store.migrate import open_store
from liandian_desktop.sync import verify
from liandian_desktop.sync.client import SyncClient, SyncReport
from liandian_desktop.sync.credentials import EncryptedFileStore
from liandian_desktop.sync.schema import COUNTY_SCOPE
from tests.sync.postgres import Cluster
from tests.sync.postgres import pg_cluster as pg_cluster  # re-exported: this module is the tests' plugin

MACHINE_SECRET = b"test-machine"


class RunningServer:
    """uvicorn serving a CountyServer in a daemon thread."""

    def __init__(self, engine: Engine, hooks: Hooks | None = None) -> None:
        self.engine = engine
        self.hooks = hooks or Hooks()
        self.county = CountyServer(engine, self.hooks)
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            self.county.app, log_config=None, access_log=False, lifespan="off", timeout_graceful_shutdown=1
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("county server did not start")
            time.sleep(0.01)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)


@dataclass
class County:
    """A county server with one county, two townships (A, B) and the default catalogue published."""

    engine: Engine
    server: RunningServer
    county_id: str
    township_a: str
    township_b: str

    @property
    def url(self) -> str:
        return self.server.url

    def code(self, township: str | None) -> str:
        return admin.issue_code(self.engine, township)

    def edit(self, table: str, row_id: uuid.UUID | str, **fields: Any) -> None:
        key = row_id.hex if isinstance(row_id, uuid.UUID) else row_id
        admin.edit_one(self.engine, table, key, fields)

    def record(self, table: str, row_id: uuid.UUID | str) -> dict[str, Any] | None:
        key = row_id.hex if isinstance(row_id, uuid.UUID) else row_id
        stored = admin.get(self.engine, table, key)
        return None if stored is None else dict(stored.data)

    def scope_rows(self, scope: str) -> dict[str, dict[str, bytes]]:
        """table -> id -> digest, from the server's records."""
        from liandian_desktop.county.db import RecordRow
        from liandian_desktop.sync.schema import table_of

        t = table_of(RecordRow)
        out: dict[str, dict[str, bytes]] = {}
        with reading(self.engine) as conn:
            for row in conn.execute(select(t.c.tbl, t.c.id, t.c.digest).where(t.c.scope == scope)):
                out.setdefault(row.tbl, {})[row.id] = bytes.fromhex(row.digest)
        return out

    def checks(self) -> dict[str, Any]:
        with reading(self.engine) as conn:
            return {
                k: (s.last_seq, s.checksum.count, s.checksum.value) for k, s in scope_states(conn).items()
            }


@dataclass(frozen=True)
class CountyIds:
    county_id: str
    township_a: str
    township_b: str


def build_county(db_url: str) -> CountyIds:
    """Migrate an empty county database and set up the county, two townships and the catalogue."""
    engine = make_engine(db_url)
    admin.init(engine)
    county_id = admin.create_county(engine, "430127000000", "湘源县")
    township_a = admin.add_township(engine, county_id, "430127100000", "云岭镇", 20000)
    township_b = admin.add_township(engine, county_id, "430127101000", "石门镇", 15000)
    engine.dispose()
    return CountyIds(county_id, township_a, township_b)


def make_county(db_url: str, ids: CountyIds | None = None, hooks: Hooks | None = None) -> County:
    """A running county server over ``db_url`` (already set up from a template when ``ids`` is given)."""
    ids = ids or build_county(db_url)
    engine = make_engine(db_url)
    admin.init(engine)
    return County(engine, RunningServer(engine, hooks), ids.county_id, ids.township_a, ids.township_b)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CountyIds]:
    """Set up once; every test copies the file (migrating and publishing per test would take most of
    the time)."""
    path = tmp_path_factory.mktemp("county-template") / "county.sqlite3"
    return path, build_county(f"sqlite:///{path}")


def copy_sqlite_template(template: tuple[Path, CountyIds], folder: Path) -> tuple[str, CountyIds]:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "county.sqlite3"
    shutil.copyfile(template[0], target)
    return f"sqlite:///{target}", template[1]


@pytest.fixture(scope="session")
def pg_template(request: pytest.FixtureRequest) -> tuple[str, CountyIds]:
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    url = cluster.new_database()
    return url.split("@/", 1)[1].split("?")[0], build_county(url)


@dataclass
class Laptop:
    """A coordinator's laptop: its own ledger file, data folder and sync client."""

    store: Store
    client: SyncClient
    folder: Path
    township: str | None = None
    reports: list[SyncReport] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return self.store.path

    def sync(self, **kwargs: Any) -> SyncReport:
        report = self.client.sync(**kwargs)
        self.reports.append(report)
        return report

    def pending(self) -> int:
        return self.client.status().pending

    def digests(self, scopes: list[str]) -> verify.Digests:
        with self.store.engine.connect() as conn:
            return verify.local_digests(conn, scopes)

    def log_size(self) -> int:
        with self.store.engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(ChangeLogEntry)) or 0)

    def sql(self, statement: str, *params: Any) -> None:
        """Change the ledger file behind the app's back, as the sqlite3 shell would."""
        conn = sqlite3.connect(self.path)
        conn.execute(statement, params)
        conn.commit()
        conn.close()

    def close(self) -> None:
        self.store.close()


def new_ledger(folder: Path, template: Path) -> Store:
    """A copy of the empty migrated ledger with a device id of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ledger.sqlite3"
    shutil.copyfile(template, path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE ledger_meta SET value=? WHERE key='device_id'", (uuid.uuid4().hex,))
    conn.commit()
    conn.close()
    return open_store(path, folder / "backups")


@pytest.fixture(scope="session")
def empty_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated ledger with nothing in it (no catalogue, no change log), copied by every laptop."""
    folder = tmp_path_factory.mktemp("empty-ledger")
    store = open_store(folder / "ledger.sqlite3", folder / "backups")
    store.engine.dispose()
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return folder / "ledger.sqlite3"


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> tuple[str, CountyIds]:
    if backend == "postgresql":
        cluster: Cluster = request.getfixturevalue("pg_cluster")
        name, ids = request.getfixturevalue("pg_template")
        return cluster.new_database(template=name), ids
    return copy_sqlite_template(request.getfixturevalue("sqlite_template"), tmp_path)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """An empty county database file."""
    return f"sqlite:///{tmp_path / 'county.sqlite3'}"


@pytest.fixture
def county(tmp_path: Path, sqlite_template: tuple[Path, CountyIds]) -> Iterator[County]:
    """The county server on SQLite (tests that do not need both backends)."""
    c = make_county(*copy_sqlite_template(sqlite_template, tmp_path / "county"))
    yield c
    c.server.stop()
    c.engine.dispose()


@pytest.fixture
def any_county(db_url: tuple[str, CountyIds]) -> Iterator[County]:
    """The county server on SQLite and on PostgreSQL."""
    c = make_county(*db_url)
    yield c
    c.server.stop()
    c.engine.dispose()


LaptopFactory = Callable[..., Laptop]


@pytest.fixture
def laptops(tmp_path: Path, empty_ledger: Path) -> Iterator[LaptopFactory]:
    made: list[Laptop] = []

    def make(
        county: County | None = None,
        township: str | None = "A",
        *,
        url: str | None = None,
        enrol: bool = True,
        **client_options: Any,
    ) -> Laptop:
        folder = tmp_path / f"laptop{len(made) + 1}"
        store = new_ledger(folder, empty_ledger)
        client_options.setdefault("retry_delay", 0.01)
        client = SyncClient(
            store,
            folder,
            credentials=EncryptedFileStore(folder / "credentials.bin", MACHINE_SECRET),
            **client_options,
        )
        twp = None
        if county is not None:
            twp = {"A": county.township_a, "B": county.township_b, None: None}[township]
        laptop = Laptop(store, client, folder, twp)
        made.append(laptop)
        if county is not None and enrol:
            client.enrol(url or county.url, county.code(twp), f"laptop{len(made)}")
        return laptop

    yield make
    for laptop in made:
        laptop.close()


def assert_converged(county: County, *laptops: Laptop) -> None:
    """Every laptop holds exactly the server's rows of the scopes it reads."""
    for laptop in laptops:
        scopes = [COUNTY_SCOPE] + ([laptop.township] if laptop.township else [])
        local = laptop.digests(scopes)
        for scope in scopes:
            server = county.scope_rows(scope)
            mine = {t: rows for t, rows in local[scope].items() if rows}
            theirs = {t: rows for t, rows in server.items() if rows}
            assert mine == theirs, (
                f"{laptop.folder.name} differs from the server in scope {scope[:8]}: " + _diff(mine, theirs)
            )


def _diff(mine: dict[str, dict[str, bytes]], theirs: dict[str, dict[str, bytes]]) -> str:
    lines = []
    for table in sorted(set(mine) | set(theirs)):
        a, b = mine.get(table, {}), theirs.get(table, {})
        if a != b:
            only_mine = len(set(a) - set(b))
            only_theirs = len(set(b) - set(a))
            differ = sum(1 for k in set(a) & set(b) if a[k] != b[k])
            lines.append(f"{table}: only local {only_mine}, only server {only_theirs}, differ {differ}")
    return "; ".join(lines)


def synced_tables() -> list[str]:
    return [m.__tablename__ for m in SYNCED_MODELS]
