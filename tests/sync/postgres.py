"""A throwaway PostgreSQL cluster for the session (PLATFORM-NOTES.md): initdb in a temp folder as the
``postgres`` user when running as root, a Unix socket only, fsync off. Each test gets its own database.

Without the binaries the fixture skips, except under CI (``CI`` set), where it fails: CI must test the
production database.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PGBIN = Path(os.environ.get("LIANDIAN_PGBIN", "/usr/lib/postgresql/15/bin"))


@dataclass
class Cluster:
    socket_dir: Path

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://app@/{database}?host={self.socket_dir}"

    def new_database(self, template: str | None = None) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        copy = f' TEMPLATE "{template}"' if template else ""
        with psycopg.connect(
            host=str(self.socket_dir), user="app", dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"{copy}')
        return self.url(name)


def _as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    if not (PGBIN / "initdb").exists():
        message = f"PostgreSQL binaries not found in {PGBIN} (apt-get install postgresql)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    folder = Path(tempfile.mkdtemp(prefix="liandian-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    subprocess.run(
        _as_postgres(
            [
                str(PGBIN / "initdb"),
                "-D",
                str(data),
                "-U",
                "app",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ]
        ),
        check=True,
        capture_output=True,
    )
    subprocess.run(
        _as_postgres(
            [
                str(PGBIN / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(folder / "pg.log"),
                "-w",
                "-o",
                f"-k {folder} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
                "-c full_page_writes=off -c max_connections=100",
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield Cluster(folder)
    finally:
        subprocess.run(
            _as_postgres([str(PGBIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)
