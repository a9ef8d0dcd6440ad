"""A rendered PDF with what the personal-data log needs to know about it, and saving it (logged)."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from liandian_desktop.paper.privacy import log_personal_data
from liandian_desktop.store.engine import Store


@dataclass(frozen=True)
class PaperDocument:
    """A finished PDF. Rendering writes nothing to the ledger; saving or printing it is logged."""

    pdf: bytes
    pages: int
    document: str  # what it is, for the log: '签到表 signin v2026.1（内部留存）'
    scope: str  # what it covers, in words: '活动 HD7K3M9Q《重阳节敬老活动》'
    file_name: str  # a suggested file name
    township_id: uuid.UUID | None = None
    people_count: int = 0  # people whose personal data is on it
    personal_fields: tuple[str, ...] = ()  # labels of the personal columns printed
    public: bool = False
    unmasked: bool = False

    @property
    def has_personal_data(self) -> bool:
        return self.people_count > 0 and bool(self.personal_fields)


def save_pdf(store: Store, document: PaperDocument, path: Path, *, operator: str = "") -> Path:
    """Write the PDF to ``path`` and log it, together: a file that could not be written is not logged, and
    a log that could not be stored leaves no file behind."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(document.pdf)
    try:
        with store.transaction() as session:
            if document.has_personal_data:
                log_personal_data(
                    session,
                    township_id=document.township_id,
                    action="pdf",
                    document=document.document,
                    scope=document.scope,
                    people_count=document.people_count,
                    fields=document.personal_fields,
                    unmasked=document.unmasked,
                    public=document.public,
                    target=str(path.resolve()),
                    operator=operator,
                )
            os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def record_print(store: Store, document: PaperDocument, printer: str, *, operator: str = "") -> None:
    """Log a document sent to a printer (the GUI calls this once the print job is accepted)."""
    if not document.has_personal_data:
        return
    with store.transaction() as session:
        log_personal_data(
            session,
            township_id=document.township_id,
            action="print",
            document=document.document,
            scope=document.scope,
            people_count=document.people_count,
            fields=document.personal_fields,
            unmasked=document.unmasked,
            public=document.public,
            target=printer,
            operator=operator,
        )
