"""Shared fixtures: every test gets its own real ledger file in a temporary folder."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from liandian_desktop.ledger.catalogue import seed_catalogue
from liandian_desktop.ledger.models import Community, County, PairedUnit, Pairing, Township
from liandian_desktop.store.engine import Store
from liandian_desktop.store.migrate import open_store

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def template_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrated once per run; each test gets its own copy (migrating per test costs ~0.2 s)."""
    folder = tmp_path_factory.mktemp("template")
    s = open_store(folder / "ledger.sqlite3", folder / "backups")
    with s.transaction() as session:
        seed_catalogue(session)
    s.engine.dispose()
    with s.engine.connect() as conn:  # fold the WAL into the main file before copying it
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    return folder / "ledger.sqlite3"


@pytest.fixture
def store(tmp_path: Path, template_ledger: Path) -> Iterator[Store]:
    """A migrated ledger file of the test's own, with the default catalogue seeded."""
    path = tmp_path / "ledger.sqlite3"
    shutil.copyfile(template_ledger, path)
    s = open_store(path, tmp_path / "backups")
    yield s
    s.close()


@dataclass
class Township1:
    """A small hand-made township: one county, one township, two communities, two paired units."""

    county_id: uuid.UUID
    township_id: uuid.UUID
    community_ids: list[uuid.UUID]
    unit_ids: list[uuid.UUID]


@pytest.fixture
def town(store: Store) -> Township1:
    with store.transaction() as s:
        county = County(code="430102000000", name="芙蓉区")
        s.add(county)
        s.flush()
        township = Township(county_id=county.id, code="430102001000", name="文艺路街道", population=20000)
        s.add(township)
        s.flush()
        c1 = Community(
            township_id=township.id,
            code="430102001001",
            name="识字岭社区",
            population=5000,
            households=1800,
            is_key=True,
        )
        c2 = Community(
            township_id=township.id, code="430102001002", name="八一路社区", population=3000, households=1100
        )
        u1 = PairedUnit(county_id=county.id, name="区民政局", short_name="民政局")
        u2 = PairedUnit(county_id=county.id, name="区卫生健康局", short_name="卫健局")
        s.add_all([c1, c2, u1, u2])
        s.flush()
        s.add_all(
            [
                Pairing(
                    township_id=township.id, unit_id=u1.id, community_id=c1.id, start_date=date(2026, 1, 1)
                ),
                Pairing(
                    township_id=township.id, unit_id=u2.id, community_id=c1.id, start_date=date(2026, 1, 1)
                ),
                Pairing(
                    township_id=township.id, unit_id=u2.id, community_id=c2.id, start_date=date(2026, 1, 1)
                ),
            ]
        )
        return Township1(county.id, township.id, [c1.id, c2.id], [u1.id, u2.id])
