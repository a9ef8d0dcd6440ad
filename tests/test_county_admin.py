"""``liandian-county``: the admin commands an operator runs, ``serve`` on a fresh machine, readable logs,
and importing a township's existing ledger."""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from liandian_desktop.county import admin
from liandian_desktop.county.cli import main as county_cli
from liandian_desktop.county.db import make_engine
from liandian_desktop.store.engine import Store
from liandian_desktop.sync.client import SyncClient
from liandian_desktop.sync.credentials import EncryptedFileStore
from tests.conftest import Township1
from tests.sync.harness import County, Laptop, LaptopFactory, RunningServer, assert_converged

pytest_plugins = ["tests.sync.harness"]

REPO = Path(__file__).resolve().parent.parent


def run(data: Path, *args: str) -> int:
    return county_cli(["--data-dir", str(data), *args])


def test_an_operator_sets_up_the_county_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "county"
    assert run(data, "county-create", "--code", "430127000000", "--name", "湘源县") == 0
    assert "已建立县（区）湘源县" in capsys.readouterr().out
    assert (
        run(data, "township-add", "--county", "430127000000", "--code", "430127100000", "--name", "云岭镇")
        == 0
    )
    assert run(data, "townships") == 0
    assert "云岭镇" in capsys.readouterr().out
    assert run(data, "code-issue", "--township", "云岭镇", "--days", "3") == 0
    assert "只能使用一次" in capsys.readouterr().out
    units = tmp_path / "units.json"
    units.write_text(
        json.dumps(
            {"paired_units": [{"county_id": None, "name": "县民政局", "kind": "party_government"}]},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    engine = make_engine(f"sqlite:///{data / 'county.sqlite3'}")
    [county_row] = admin.listing(engine, "counties")
    document = json.loads(units.read_text(encoding="utf-8"))
    document["paired_units"][0]["county_id"] = county_row.row_id
    units.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert run(data, "publish", str(units)) == 0
    assert run(data, "publish", str(units)) == 0  # publishing again changes nothing
    assert "未变 1 条" in capsys.readouterr().out
    template = tmp_path / "signin.pdf"
    template.write_bytes(b"%PDF-1.7")
    assert run(data, "publish-form", "--code", "signin", "--name", "签到表", "--file", str(template)) == 0
    assert run(data, "publish-form", "--code", "signin", "--name", "签到表", "--file", str(template)) == 0
    assert "第 2 版" in capsys.readouterr().out
    [unit] = admin.listing(engine, "paired_units")
    assert run(data, "record-set", "paired_units", unit.row_id, 'contact_phone="0731-1234567"') == 0
    assert run(data, "record-show", "paired_units", unit.row_id) == 0
    assert "0731-1234567" in capsys.readouterr().out
    assert run(data, "record-set", "paired_units", unit.row_id, 'kind="nonsense"') == 2
    assert "无效" in capsys.readouterr().err
    assert run(data, "devices") == 0
    assert run(data, "conflicts") == 0 and "共 0 条" in capsys.readouterr().out
    assert run(data, "alerts") == 0
    assert run(data, "device-revoke", "nope") == 2
    engine.dispose()


def test_serve_runs_on_a_fresh_machine_and_logs_readably(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("LIANDIAN_COUNTY_DB", None)
    log_file = tmp_path / "county.log"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "liandian_desktop.county.cli",
            "--data-dir",
            str(tmp_path / "fresh"),
            "--log-file",
            str(log_file),
            "serve",
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).json()
                break
            except httpx.HTTPError:
                assert process.poll() is None and time.monotonic() < deadline
                time.sleep(0.1)
        assert health == {"status": "ok", "database": "sqlite"}
        assert (tmp_path / "fresh" / "county.sqlite3").exists()
    finally:
        process.terminate()
        process.wait(timeout=30)
    text = log_file.read_text(encoding="utf-8")
    assert "县级服务器" in text and "启动" in text


def test_sync_activity_is_logged_for_the_operator(
    county: County, laptops: LaptopFactory, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="liandian.county"):
        a = laptops(county, "A")
        a.sync()
    lines = [r.getMessage() for r in caplog.records if r.name == "liandian.county"]
    assert any("已注册" in line and "云岭镇" in line for line in lines)
    assert any(line.startswith("同步 设备") and "下载" in line for line in lines)


def test_an_existing_township_ledger_is_imported_and_its_laptop_carries_on(
    store: Store, town: Township1, tmp_path: Path, sqlite_url: str
) -> None:
    """A township that kept its ledger before the server existed: the county imports the file, the laptop
    enrols, and nothing travels twice."""
    engine = make_engine(sqlite_url)
    admin.init(engine)
    admin.publish_default_catalogue(engine)
    store.engine.dispose()
    result = admin.import_ledger(engine, store.path)
    assert result.township_id == town.township_id.hex and result.rows > 10
    server = RunningServer(engine)
    try:
        client = SyncClient(store, tmp_path, credentials=EncryptedFileStore(tmp_path / "c.bin", b"m"))
        client.enrol(server.url, admin.issue_code(engine, town.township_id.hex))
        report = client.sync()
        # Only the catalogue the county had published itself comes down (same content, the county's stamps).
        assert report.uploaded == 0 and report.downloaded <= 79 and report.verified
        county = County(engine, server, "", town.township_id.hex, "")
        assert_converged(county, Laptop(store, client, tmp_path, town.township_id.hex))
    finally:
        server.stop()
        engine.dispose()
