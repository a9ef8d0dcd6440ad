"""The command line as a user runs it: real subprocesses on temporary data folders."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

DEMO_TODAY = "2026-11-20"


def liandian(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "liandian_desktop", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    result = liandian("--data-dir", str(folder), "demo", "--scale", "0.3", "--today", DEMO_TODAY)
    assert result.returncode == 0, result.stderr
    assert "示范乡镇已建立" in result.stdout
    return folder


def test_demo_then_check_reports_head_and_rows(demo_dir: Path) -> None:
    result = liandian("--data-dir", str(demo_dir), "db", "check")
    assert result.returncode == 0, result.stderr
    assert "最新版本" in result.stdout and "完整性检查：通过" in result.stdout
    rows = dict(line.split() for line in result.stdout.splitlines() if line.startswith("  "))
    assert int(rows["communities"]) >= 20 and int(rows["work_orders"]) > 0 and int(rows["residents"]) > 500


def test_demo_twice_is_refused(demo_dir: Path) -> None:
    result = liandian("--data-dir", str(demo_dir), "demo", "--today", DEMO_TODAY)
    assert result.returncode == 2
    assert "错误" in result.stderr


def test_data_dir_from_environment(tmp_path: Path) -> None:
    result = liandian("db", "upgrade", env={"LIANDIAN_DATA_DIR": str(tmp_path / "env")})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "env" / "ledger.sqlite3").exists()


def test_check_of_a_missing_ledger_says_so_and_creates_nothing(tmp_path: Path) -> None:
    result = liandian("--data-dir", str(tmp_path / "none"), "db", "check")
    assert result.returncode == 1
    assert "尚不存在" in result.stdout
    assert not (tmp_path / "none").exists()


def test_newer_database_is_refused_by_every_command(tmp_path: Path) -> None:
    assert liandian("--data-dir", str(tmp_path), "db", "upgrade").returncode == 0
    db = tmp_path / "ledger.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    files_before = sorted(p.name for p in tmp_path.rglob("*"))
    for args in (["db", "check"], ["db", "upgrade"], ["demo", "--scale", "0.1"], ["gui", "--smoke"]):
        result = liandian("--data-dir", str(tmp_path), *args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert "更新版本" in result.stdout + result.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.rglob("*")) == files_before


def test_backup_command(demo_dir: Path, tmp_path: Path) -> None:
    result = liandian("--data-dir", str(demo_dir), "db", "backup", "--out", str(tmp_path / "bk"))
    assert result.returncode == 0, result.stderr
    (copy,) = (tmp_path / "bk").glob("*.sqlite3")
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT count(*) FROM work_orders").fetchone()[0] > 0
    conn.close()
    empty = liandian("--data-dir", str(tmp_path / "empty"), "db", "backup")
    assert empty.returncode == 2 and "没有可备份" in empty.stderr


def test_gui_smoke_opens_the_demo(demo_dir: Path) -> None:
    result = liandian("--data-dir", str(demo_dir), "gui", "--smoke")
    assert result.returncode == 0, result.stderr
