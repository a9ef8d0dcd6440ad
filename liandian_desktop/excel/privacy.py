"""Personal data in exported workbooks (PIPL, DOMAIN.md): ID numbers and phones masked unless the caller
chooses otherwise, and every export that contains personal data logged (who, when, what, how many,
masked or not).

The log row is written in the same transaction that moves the finished file into place: a file that was
not written is not logged, and a file is not left behind unlogged.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from liandian_desktop.ledger import privacy as core
from liandian_desktop.store.engine import Store


def show_id_number(value: str | None, unmasked: bool) -> str:
    """An internal copy's ID number ('430102********011X'), or the whole number when ``unmasked``."""
    return core.show_id_number(value, unmasked=unmasked)


def show_phone(value: str | None, unmasked: bool) -> str:
    """'138****1234', or the whole number when ``unmasked``."""
    return core.show_phone(value, unmasked=unmasked)


operator_name = core.operator_name


@contextmanager
def logged_file(
    store: Store,
    target: Path,
    *,
    township_id: uuid.UUID | None,
    document: str,
    scope: str,
    people_count: int,
    fields: list[str],
    unmasked: bool,
    operator: str = "",
) -> Iterator[Path]:
    """Yield a temporary path to save the workbook to; on success, log the export (when it holds any
    person) and move the file to ``target`` in one go. On failure nothing is logged and nothing is left."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.stem}.{uuid.uuid4().hex[:8]}.tmp.xlsx")
    try:
        yield temporary
        if people_count <= 0 or not fields:
            os.replace(temporary, target)
            return
        with store.transaction() as session:
            core.log_personal_data(
                session,
                township_id=township_id,
                action="export",
                document=document,
                scope=scope,
                people_count=people_count,
                fields=fields,
                unmasked=unmasked,
                public=False,
                target=str(target),
                operator=operator,
            )
            session.flush()
            os.replace(temporary, target)
    finally:
        if temporary.exists():
            temporary.unlink()
