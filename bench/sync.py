"""Sync on the demo township: requests, bytes up, bytes down and seconds for the five syncs a township sees.

    .venv/bin/python bench/sync.py                      # demo at scale 1, county server on SQLite
    .venv/bin/python bench/sync.py --scale 0.2          # smaller and quicker
    .venv/bin/python bench/sync.py --db postgresql+psycopg://app@/bench?host=/tmp/pg
    .venv/bin/python bench/sync.py --save-baseline      # write bench/baseline-sync.json

The demo township is built into a ledger, imported into a county server (real uvicorn on loopback, as
``liandian-county import-ledger`` does), and a fresh laptop enrols and syncs:

1. **first download** of the township (every record of its scope and the county reference data);
2. **upload of 200 local edits** (a work order's status and a time stamp each, as SYNC-ANCHORS measured);
3. **download of 200 county edits** (the same kind of edit, made at the county);
4. **a sync with nothing to do**;
5. **a resumed sync after a drop**: a second laptop's first download is cut halfway (a proxy closes the
   connection); the numbers are those of the sync that resumes it.

Bytes are request and response bodies as sent (compressed), without HTTP headers. Each figure is compared
with the floor SYNC-ANCHORS.md measured (≤ 100 B an edit up, new rows ≤ 1.3× their own zlib size, ≤ 2
requests for a few hundred edits, 1 small request when nothing changed, ≤ 1 batch re-sent after a drop)
and with the baseline, if there is one.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import platform
import socket
import sys
import tempfile
import threading
import time
import uuid
import zlib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import uvicorn
from sqlalchemy import select

from liandian_desktop.county import admin
from liandian_desktop.county.app import CountyServer
from liandian_desktop.county.db import make_engine
from liandian_desktop.demo import build_demo
from liandian_desktop.ledger.models import Attendance, AttendanceStatus
from liandian_desktop.store.migrate import open_store
from liandian_desktop.sync import protocol
from liandian_desktop.sync.client import SyncClient, SyncReport
from liandian_desktop.sync.credentials import EncryptedFileStore
from liandian_desktop.sync.errors import OfflineError
from liandian_desktop.sync.schema import datetime_to_wire, tables

BASELINE = Path(__file__).with_name("baseline-sync.json")
TODAY = date(2026, 11, 20)
EDITS = 200


class Server:
    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        admin.init(self.engine)
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            CountyServer(self.engine).app, log_config=None, access_log=False, lifespan="off"
        )
        self.server = uvicorn.Server(config)
        threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True).start()
        while not self.server.started:
            time.sleep(0.01)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True


class DroppingProxy:
    """Forwards to the server; the first connection is closed after ``cut_after`` response bytes."""

    def __init__(self, port: int, cut_after: int) -> None:
        self.target, self.cut_after = port, cut_after
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.first = False  # armed after enrolment: the next connection is cut
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            limit, self.first = (self.cut_after if self.first else None), False
            upstream = socket.create_connection(("127.0.0.1", self.target))
            threading.Thread(target=self._pump, args=(client, upstream, None), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, limit), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket, limit: int | None) -> None:
        sent = 0
        with contextlib.suppress(OSError):
            while (chunk := source.recv(65536)) and (limit is None or sent < limit):
                sink.sendall(chunk if limit is None else chunk[: limit - sent])
                sent += len(chunk)
        for s in (source, sink):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()


def laptop(folder: Path, server_url: str, county: Server, township: str) -> SyncClient:
    store = open_store(folder / "ledger.sqlite3", folder / "backups")
    client = SyncClient(
        store, folder, credentials=EncryptedFileStore(folder / "credentials.bin", b"bench"), retries=0
    )
    client.enrol(server_url, admin.issue_code(county.engine, township))
    return client


def timed(client: SyncClient) -> tuple[SyncReport, float]:
    started = time.perf_counter()
    report = client.sync()
    return report, time.perf_counter() - started


def row(name: str, report: SyncReport, seconds: float, note: str) -> dict[str, Any]:
    t = report.traffic
    if report.repaired or report.adopted or report.rejected or not report.verified:
        note += f" [repaired {report.repaired}, adopted {report.adopted}, rejected {len(report.rejected)}]"
    return {
        "step": name,
        "requests": t.requests,
        "bytes_up": t.bytes_up,
        "bytes_down": t.bytes_down,
        "seconds": round(seconds, 3),
        "note": note,
    }


def rows_floor(client: SyncClient) -> tuple[int, int]:
    """(rows, zlib size of their JSON) of the laptop's scopes: what any format would have to carry."""
    from liandian_desktop.sync import verify

    rows = []
    with client.store.engine.connect() as conn:
        for name in tables():
            for row_id, data in verify.row_data(conn, name).items():
                rows.append({"table": name, "id": row_id, **data})
    return len(rows), len(zlib.compress(json.dumps(rows, ensure_ascii=False).encode("utf-8"), 6))


def edit_attendance(client: SyncClient, count: int) -> list[uuid.UUID]:
    """Sign-in rows keyed back from paper: a status and a time stamp each."""
    with client.store.transaction() as s:
        rows = list(s.scalars(select(Attendance).order_by(Attendance.id).limit(count)))
        stamp = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
        for i, attendance in enumerate(rows):
            attendance.status = (
                AttendanceStatus.ABSENT if attendance.status == "present" else AttendanceStatus.PRESENT
            )
            attendance.signed_at = stamp + timedelta(seconds=37 * i)
        return [a.id for a in rows]


def run(scale: float, db: str | None, folder: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    print(f"示范乡镇（规模 {scale:g}）生成中…", file=sys.stderr)
    source = open_store(folder / "source" / "ledger.sqlite3", folder / "source" / "backups")
    summary = build_demo(source, seed=20260301, scale=scale, today=TODAY)
    source.close()
    township = summary.township_id.hex
    county = Server(db or f"sqlite:///{folder / 'county.sqlite3'}")
    started = time.perf_counter()
    imported = admin.import_ledger(county.engine, folder / "source" / "ledger.sqlite3")
    print(f"县级服务器导入 {imported.rows} 行，用时 {time.perf_counter() - started:.1f} 秒", file=sys.stderr)
    results = []

    b = laptop(folder / "b", county.url, county, township)
    report, seconds = timed(b)
    n_rows, floor_bytes = rows_floor(b)
    ratio = report.traffic.bytes_down / floor_bytes
    results.append(
        row(
            f"first download ({n_rows} rows)",
            report,
            seconds,
            f"{report.traffic.bytes_down / n_rows:.0f} B/row; {ratio:.2f}× their own zlib size "
            f"({floor_bytes / n_rows:.0f} B/row) — target ≤ 1.3×",
        )
    )
    first_down = report

    edited = edit_attendance(b, EDITS)
    report, seconds = timed(b)
    per_edit = report.traffic.bytes_up / len(edited)
    results.append(
        row(
            f"upload of {len(edited)} local edits",
            report,
            seconds,
            f"{per_edit:.0f} B/edit up — floor ≈ 50, target ≤ 100; ≤ 2 requests",
        )
    )

    with b.store.session() as s:
        query = select(Attendance.id).order_by(Attendance.id).offset(EDITS).limit(EDITS)
        others = [a.hex for a in s.scalars(query)]
    start = datetime(2026, 11, 20, 10, tzinfo=UTC)
    admin.edit(
        county.engine,
        [
            (
                "attendances",
                a,
                {"status": "walk_in", "signed_at": datetime_to_wire(start + timedelta(seconds=41 * i))},
            )
            for i, a in enumerate(others)
        ],
    )
    report, seconds = timed(b)
    results.append(
        row(
            f"download of {len(others)} county edits",
            report,
            seconds,
            f"{report.traffic.bytes_down / len(others):.0f} B/edit down; ≤ 2 requests",
        )
    )

    report, seconds = timed(b)
    results.append(row("sync with nothing to do", report, seconds, "1 small request"))

    half = first_down.traffic.bytes_down // 2
    proxy = DroppingProxy(county.port, half)
    c = laptop(folder / "c", proxy.url, county, township)
    proxy.first = True
    try:
        c.sync()
        lost = "(no drop happened)"
    except OfflineError:
        lost = "dropped halfway"
    report, seconds = timed(c)
    batch = first_down.traffic.bytes_down / max(1, first_down.traffic.requests)
    resent = report.traffic.bytes_down - (first_down.traffic.bytes_down - half)
    results.append(
        row(
            "resumed sync after a drop",
            report,
            seconds,
            f"{lost}; re-sent ≈ {max(0, resent) / 1024:.0f} KiB vs one batch ≈ {batch / 1024:.0f} KiB",
        )
    )
    proxy.listener.close()
    floors = {
        "upload_bytes_per_edit": per_edit,
        "first_download_vs_zlib": ratio,
        "requests_incremental": results[1]["requests"],
        "requests_nothing_to_do": results[3]["requests"],
    }
    for client in (b, c):
        client.store.close()
    county.stop()
    return results, floors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="demo scale (1 ≈ 116k rows)")
    parser.add_argument("--db", help="county database URL (default: SQLite in a temp folder)")
    parser.add_argument("--save-baseline", action="store_true", help=f"write {BASELINE.name}")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="liandian-bench-sync-") as tmp:
        results, floors = run(args.scale, args.db, Path(tmp))
    baseline = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else None
    by_step = {r["step"].split(" (")[0]: r for r in (baseline or {}).get("results", [])}
    print(f"\n{'step':38s} {'requests':>8s} {'bytes up':>11s} {'bytes down':>12s} {'seconds':>8s}")
    for r in results:
        counts = f"{r['requests']:8d} {r['bytes_up']:11,d} {r['bytes_down']:12,d}"
        print(f"{r['step']:38s} {counts} {r['seconds']:8.2f}")
        print(f"{'':38s} {r['note']}")
        old = by_step.get(r["step"].split(" (")[0])
        if old:
            was = f"{old['requests']} req, {old['bytes_up']:,} up, {old['bytes_down']:,} down"
            print(f"{'':38s} baseline: {was}, {old['seconds']:.2f} s")
    ok = (
        floors["upload_bytes_per_edit"] <= 100
        and floors["first_download_vs_zlib"] <= 1.3
        and floors["requests_incremental"] <= 2
        and floors["requests_nothing_to_do"] == 1
    )
    print("\nSYNC-ANCHORS floor: " + ("met" if ok else "NOT met") + f"  {json.dumps(floors)}")
    if args.save_baseline:
        BASELINE.write_text(
            json.dumps(
                {
                    "scale": args.scale,
                    "protocol": protocol.PROTOCOL_VERSION,
                    "python": platform.python_version(),
                    "database": (args.db or "sqlite").split(":")[0],
                    "results": results,
                    "floors": floors,
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"baseline written: {BASELINE}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
