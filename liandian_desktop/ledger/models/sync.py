"""Sync bookkeeping of this ledger file, and the two synced tables the sync itself brings.

Local (never synced): the hash-chained change log (``sync_changes``, also the upload queue), sync state
(server, cursors, acknowledged chain head), problems to show the user (``sync_issues``) and fields a newer
peer sent that this version does not know (``sync_unknown_fields``).

Synced: the conflicts the county server records (``sync_conflicts``) and the county's form templates.

Every change to a synced row made through a ledger session is written to ``sync_changes`` in the same
transaction by ``liandian_desktop.sync.capture``; the listeners are registered at the bottom of this module
so that no ledger session can escape them.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Index, Integer, LargeBinary, String, Text, Uuid, event
from sqlalchemy.orm import Mapped, Session, mapped_column

from liandian_desktop.ledger.models._columns import fk
from liandian_desktop.ledger.models.base import Base, Synced, UTCDateTime


class ChangeLogEntry(Base):
    """One captured change: the fields of one row changed by one transaction, in this device's chain.

    ``seq`` counts this device's changes from 1 with no gaps; ``hash`` chains each entry to the one before
    (see ``liandian_desktop.sync.chain``); entries after the acknowledged sequence are the upload queue.
    """

    __tablename__ = "sync_changes"
    __table_args__ = (Index("ix_sync_changes_row", "tbl", "row_id"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    tbl: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    op: Mapped[str] = mapped_column(String(1))  # i insert, u update, d deleted outside the tombstone rule
    base: Mapped[int] = mapped_column(Integer, default=0)  # the row scope's download cursor at the edit
    fields: Mapped[str] = mapped_column(Text)  # canonical JSON: field -> wire value
    logged_at: Mapped[datetime] = mapped_column(UTCDateTime)  # device clock: informative only
    hash: Mapped[str | None] = mapped_column(String(64), default=None)  # sealed when the transaction commits


class SyncState(Base):
    """Key/value sync state: server, enrolment, cursors per scope, acknowledged chain head, last result."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class SyncIssue(Base):
    """Something a sync found that the coordinator should see: a change the server refused, a record that
    differed from the county's copy and was repaired, a broken change log."""

    __tablename__ = "sync_issues"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)  # rejected | repaired | removed | chain
    tbl: Mapped[str] = mapped_column(String(64), default="")
    row_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    change_seq: Mapped[int | None] = mapped_column(Integer, default=None)
    message: Mapped[str] = mapped_column(Text)  # Chinese, for the screen
    detail: Mapped[str] = mapped_column(Text, default="")  # JSON
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    seen: Mapped[bool] = mapped_column(Boolean, default=False)


class UnknownFields(Base):
    """Fields of a synced row that a newer peer sent and this version has no column for: kept, so this
    replica's checksum still matches the county's and nothing is lost when the app is upgraded."""

    __tablename__ = "sync_unknown_fields"

    tbl: Mapped[str] = mapped_column(String(64), primary_key=True)
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    fields: Mapped[str] = mapped_column(Text)  # canonical JSON


class SyncConflict(Synced, Base):
    """Two devices changed the same field of a record without seeing each other's change. The county server
    keeps the later one (server order) and records the other here, for the coordinator or the county to
    review and resolve by choosing a value."""

    __tablename__ = "sync_conflicts"

    township_id: Mapped[uuid.UUID | None] = fk("townships.id", nullable=True)
    record_table: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    field: Mapped[str] = mapped_column(String(64))
    kept_value: Mapped[str] = mapped_column(Text)  # JSON wire value now in the record
    other_value: Mapped[str] = mapped_column(Text)  # JSON wire value it replaced
    kept_device: Mapped[str] = mapped_column(String(64), default="")
    other_device: Mapped[str] = mapped_column(String(64), default="")
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime)  # server clock
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)  # open | resolved
    resolved_value: Mapped[str | None] = mapped_column(Text, default=None)  # JSON wire value chosen
    resolved_by: Mapped[str] = mapped_column(String(50), default="")
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class FormTemplate(Synced, Base):
    """A printable form template the county publishes: an opaque, versioned blob for now."""

    __tablename__ = "form_templates"

    code: Mapped[str] = mapped_column(String(50), index=True)
    name: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer, default=1)
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    sha256: Mapped[str] = mapped_column(String(64), default="")
    content: Mapped[bytes] = mapped_column(LargeBinary)


# -- change capture -----------------------------------------------------------------------------------
# Registered on every Session; ``liandian_desktop.sync.capture`` ignores sessions that are not a ledger
# Store's (those carry the device id in ``session.info``). Imported lazily: the sync package depends on
# the models, not the other way round.


def _before_flush(session: Session, context: Any, instances: Any) -> None:
    from liandian_desktop.sync import capture

    capture.before_flush(session, context, instances)


def _after_flush(session: Session, context: Any) -> None:
    from liandian_desktop.sync import capture

    capture.after_flush(session, context)


def _before_commit(session: Session) -> None:
    from liandian_desktop.sync import capture

    capture.before_commit(session)


def _after_transaction_end(session: Session, transaction: Any) -> None:
    from liandian_desktop.sync import capture

    capture.after_transaction_end(session, transaction)


def _do_orm_execute(state: Any) -> Any:
    if not (state.is_insert or state.is_update or state.is_delete):
        return None
    from liandian_desktop.sync import capture

    return capture.bulk_statement(state)


event.listen(Session, "before_flush", _before_flush)
event.listen(Session, "after_flush", _after_flush)
event.listen(Session, "before_commit", _before_commit)
event.listen(Session, "after_transaction_end", _after_transaction_end)
event.listen(Session, "do_orm_execute", _do_orm_execute)
