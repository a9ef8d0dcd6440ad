"""What every service shares: transactions, lookup, paged lists sorted and searched in SQL, soft delete."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.errors import NotFoundError, ValidationError
from liandian_desktop.ledger.models import Synced, utcnow
from liandian_desktop.ledger.validation import normalize_text
from liandian_desktop.store.engine import Store

M = TypeVar("M", bound=Synced)

# Crockford's base32 without I, L, O, U: short codes printed on paper and read back by people.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def make_code(prefix: str, length: int = 6) -> str:
    """A short random code for paper (work orders, activities). Random, not sequential: offline laptops
    cannot agree on a counter, and 32**6 codes make a clash within a township negligible."""
    return prefix + "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


@dataclass
class Page(Generic[M]):
    rows: list[M]
    total: int


@dataclass
class ListQuery:
    """What a list screen asks for: a search text, equality filters, a sort column, a window of rows."""

    search: str = ""
    filters: dict[str, Any] = field(default_factory=dict)
    sort: str | None = None
    descending: bool = False
    offset: int = 0
    limit: int | None = 200
    include_deleted: bool = False


def search_clause(model: type[Synced], text: str) -> ColumnElement[bool] | None:
    """Every whitespace-separated term must appear in one of the model's search columns.

    ``instr`` on the base table, not FTS5: a trigram index cannot match 1–2 character Chinese queries, and
    its LIKE path is wrong on SQLite 3.40 (PLATFORM-NOTES.md). A scan of 100k rows stays in milliseconds.
    """
    names: Sequence[str] = getattr(model, "__search_columns__", ())
    return search_in([getattr(model, c) for c in names], text)


def search_in(columns: Sequence[Any], text: str) -> ColumnElement[bool] | None:
    """:func:`search_clause` over any text expressions: columns, or scalar subqueries of related rows."""
    terms = [t for t in normalize_text(text).split(" ") if t]
    if not terms or not columns:
        return None
    per_term = [or_(*(func.instr(func.coalesce(c, ""), term) > 0 for c in columns)) for term in terms]
    return and_(*per_term)


def apply_list_query(stmt: Select[Any], model: type[Synced], query: ListQuery) -> Select[Any]:
    if not query.include_deleted:
        stmt = stmt.where(model.deleted_at.is_(None))
    for name, value in query.filters.items():
        column = getattr(model, name, None)
        if column is None:
            raise ValidationError(name, f"不能按“{name}”筛选")
        if isinstance(value, (list, tuple, set, frozenset)):
            stmt = stmt.where(column.in_(list(value)))
        elif value is None:
            stmt = stmt.where(column.is_(None))
        else:
            stmt = stmt.where(column == value)
    clause = search_clause(model, query.search)
    if clause is not None:
        stmt = stmt.where(clause)
    return stmt


class Service:
    """Base of the ledger services. Subclasses set ``model`` for the generic list/get/delete."""

    model: type[Synced]

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- reading -------------------------------------------------------------------------------------
    def get(self, record_id: uuid.UUID, *, include_deleted: bool = False) -> Any:
        with self.store.session() as session:
            return self._get(session, self.model, record_id, include_deleted=include_deleted)

    @staticmethod
    def _get(session: Session, model: type[M], record_id: uuid.UUID, *, include_deleted: bool = False) -> M:
        obj = session.get(model, record_id)
        if obj is None or (obj.deleted_at is not None and not include_deleted):
            raise NotFoundError(f"记录不存在或已删除（{model.__name__} {record_id}）")
        return obj

    def list(self, query: ListQuery | None = None) -> Page[Any]:
        return self.list_where(query)

    def list_where(
        self, query: ListQuery | None = None, *where: ColumnElement[bool], search: Sequence[Any] = ()
    ) -> Page[Any]:
        """:meth:`list` with more conditions (a date range, a related row) and, when ``search`` is given,
        the search text looked for in those expressions instead of the model's search columns."""
        query = query or ListQuery()
        model = self.model
        base = apply_list_query(select(model), model, replace(query, search="") if search else query)
        base = base.where(*where)
        if search:
            clause = search_in(search, query.search)
            if clause is not None:
                base = base.where(clause)
        with self.store.session() as session:
            total = session.scalar(select(func.count()).select_from(base.order_by(None).subquery())) or 0
            stmt = base
            if query.sort:
                column = getattr(model, query.sort, None)
                if column is None:
                    raise ValidationError("sort", f"不能按“{query.sort}”排序")
                stmt = stmt.order_by(column.desc() if query.descending else column.asc(), model.id)
            else:
                stmt = stmt.order_by(model.created_at.desc(), model.id)
            stmt = stmt.offset(query.offset)
            if query.limit is not None:
                stmt = stmt.limit(query.limit)
            return Page(list(session.scalars(stmt)), total)

    # -- soft delete ---------------------------------------------------------------------------------
    def delete(self, record_id: uuid.UUID) -> None:
        """Soft delete: the row stays as a tombstone (it must reach other devices), hidden from lists."""
        with self.store.transaction() as session:
            obj = self._get(session, self.model, record_id)
            obj.deleted_at = utcnow()

    def restore(self, record_id: uuid.UUID) -> None:
        """Undo a soft delete."""
        with self.store.transaction() as session:
            obj = self._get(session, self.model, record_id, include_deleted=True)
            obj.deleted_at = None

    # -- helpers for subclasses ----------------------------------------------------------------------
    @staticmethod
    def _apply(obj: Any, values: dict[str, Any], allowed: Iterable[str]) -> None:
        allowed_set = set(allowed)
        for key, value in values.items():
            if key not in allowed_set:
                raise ValidationError(key, f"字段“{key}”不能在此修改")
            setattr(obj, key, value)

    @staticmethod
    def _require_text(value: str | None, field_name: str, label: str, max_len: int = 100) -> str:
        text = normalize_text(value or "")
        if not text:
            raise ValidationError(field_name, f"请填写{label}")
        if len(text) > max_len:
            raise ValidationError(field_name, f"{label}不能超过 {max_len} 个字")
        return text
