"""Where the app keeps its files, and the user's settings: declared once here, with type and default.

The data folder comes from ``--data-dir``, else ``LIANDIAN_DATA_DIR``, else the platform's per-user data
folder, so tests and demos never touch the real profile.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

ENV_DATA_DIR = "LIANDIAN_DATA_DIR"
APP_NAME = "LianDian"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Paths:
    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "ledger.sqlite3"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def exports(self) -> Path:
        return self.data_dir / "exports"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "settings.json"


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> Paths:
    chosen = data_dir or os.environ.get(ENV_DATA_DIR) or user_data_dir(APP_NAME, appauthor=False)
    return Paths(Path(chosen).expanduser().resolve())


@dataclass(frozen=True)
class Settings:
    """User settings. Add a field here (with its default) and it is loaded, saved and validated."""

    language: str = "zh_CN"  # zh_CN | en
    response_limit_hours: int = 24  # default response limit when dispatching a work order
    operator_name: str = ""  # written into print logs and order events
    county_server_url: str = ""

    @classmethod
    def load(cls, path: Path) -> Settings:
        """Read ``path``; a missing file gives the defaults, a bad value falls back to its default."""
        if not path.exists():
            return cls()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("settings file %s unreadable (%s); using defaults", path, exc)
            return cls()
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name in raw:
                default = getattr(cls, f.name)
                if isinstance(raw[f.name], type(default)):
                    values[f.name] = raw[f.name]
                else:
                    log.warning("setting %s has a bad value %r; using %r", f.name, raw[f.name], default)
        return cls(**values)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(path)
