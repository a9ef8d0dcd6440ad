"""Consistent copies of the ledger file (SQLite's online backup), kept before every migration."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

AUTO_KEEP = 10


def backup_database(source: Path, backup_dir: Path, reason: str = "manual") -> Path:
    """Copy ``source`` to ``backup_dir`` as ``ledger-YYYYmmdd-HHMMSS-<reason>.sqlite3`` and return the path.

    Uses the SQLite backup API, so the copy is consistent even with a WAL file beside the source.
    Automatic backups (reason != "manual") beyond the newest ``AUTO_KEEP`` are pruned.
    """
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"ledger-{stamp}-{reason}.sqlite3"
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    if reason != "manual":
        autos = sorted(p for p in backup_dir.glob("ledger-*.sqlite3") if not p.stem.endswith("-manual"))
        for old in autos[:-AUTO_KEEP]:
            old.unlink()
    return target
