"""Small field helpers every ledger service shares: coercing and checking one value of a form, loading
live rows, and the date/time rules (no naive datetimes, nothing in the future)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Literal, TypeVar

from sqlalchemy import ColumnElement, and_, insert, or_, select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.errors import ConflictError, LedgerError, ValidationError
from liandian_desktop.ledger.models import Community, Gender, Pairing, Synced, utcnow
from liandian_desktop.ledger.models.enums import Labelled
from liandian_desktop.ledger.validation import (
    birth_date_from_id,
    gender_from_id,
    normalize_text,
    parse_date,
    validate_id_number,
    validate_name,
    validate_phone,
)

E = TypeVar("E", bound=Labelled)
M = TypeVar("M", bound=Synced)


def coerce_enum(enum_cls: type[E], value: object, field: str, label: str) -> E:
    """An enum member from a member, its stable code or its Chinese label ('male', '男')."""
    if isinstance(value, enum_cls):
        return value
    if isinstance(value, str):
        text = normalize_text(value)
        for member in enum_cls:
            if text in (member.value, member.label):
                return member
    choices = "、".join(member.label for member in enum_cls)
    raise ValidationError(field, f"{label}“{value}”无效，应为：{choices}")


def optional_text(value: object, field: str, label: str, max_len: int) -> str:
    """Normalised free text that may be empty."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(field, f"{label}应为文本")
    text = normalize_text(value)
    if len(text) > max_len:
        raise ValidationError(field, f"{label}不能超过 {max_len} 个字")
    return text


def optional_name(value: object, field: str) -> str:
    """A person's name validated like any name, or '' when not given."""
    if value is None or (isinstance(value, str) and not normalize_text(value)):
        return ""
    return validate_name(value, field)


def optional_phone(value: object, field: str) -> str:
    """A validated phone number, or '' when not given."""
    if value is None or (isinstance(value, str) and not normalize_text(value)):
        return ""
    return validate_phone(value, field)


def optional_date(value: object, field: str) -> date | None:
    if value is None or (isinstance(value, str) and not normalize_text(value)):
        return None
    return parse_date(value, field)


def non_negative_int(value: object, field: str, label: str) -> int:
    """A whole number ≥ 0 (an int, or text of digits such as a cell read from a spreadsheet)."""
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and normalize_text(value).lstrip("-").isdigit():
        number = int(normalize_text(value))
    if number is None:
        raise ValidationError(field, f"{label}应为整数")
    if number < 0:
        raise ValidationError(field, f"{label}不能为负数，当前为{number}")
    return number


def coordinates(latitude: object, longitude: object) -> tuple[float | None, float | None]:
    """A (latitude, longitude) pair in degrees: both given and in range, or both empty."""
    if latitude is None and longitude is None:
        return None, None
    if latitude is None or longitude is None:
        missing = "latitude" if latitude is None else "longitude"
        raise ValidationError(missing, "经度和纬度需要同时填写")

    def degrees(value: object, field: str, label: str, limit: float) -> float:
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ValidationError(field, f"{label}应为数字（度）") from None
        if isinstance(value, bool) or not -limit <= number <= limit:
            raise ValidationError(field, f"{label}应在 -{limit:g}～{limit:g} 度之间，当前为{value}")
        return number

    return degrees(latitude, "latitude", "纬度", 90), degrees(longitude, "longitude", "经度", 180)


@dataclass(frozen=True)
class Identity:
    """A person's ID number and what it says about them."""

    id_number: str | None
    gender: Gender | None
    birth_date: date | None


def resolve_identity(
    id_number: object, gender: object, birth_date: object, explicit: Iterable[str]
) -> Identity:
    """Validate an ID number, gender and birth date together.

    With an ID number, gender and birth date are taken from it; a gender or birth date the user gave
    (named in ``explicit``) that disagrees with the number is refused rather than silently replaced.
    """
    given = set(explicit)
    gender_value = None if gender in (None, "") else coerce_enum(Gender, gender, "gender", "性别")
    birth_value = optional_date(birth_date, "birth_date")
    if birth_value is not None and birth_value > date.today():
        raise ValidationError("birth_date", f"出生日期{birth_value.isoformat()}晚于今天，请核对")
    if id_number is None or (isinstance(id_number, str) and not normalize_text(id_number)):
        return Identity(None, gender_value, birth_value)
    number = validate_id_number(id_number, "id_number")
    id_gender = coerce_enum(Gender, gender_from_id(number), "gender", "性别")
    id_birth = birth_date_from_id(number)
    if "gender" in given and gender_value is not None and gender_value != id_gender:
        raise ValidationError(
            "gender", f"性别“{gender_value.label}”与身份证号码不符（号码显示为{id_gender.label}），请核对"
        )
    if "birth_date" in given and birth_value is not None and birth_value != id_birth:
        raise ValidationError(
            "birth_date",
            f"出生日期{birth_value.isoformat()}与身份证号码不符（号码显示为{id_birth.isoformat()}），请核对",
        )
    return Identity(number, id_gender, id_birth)


def edit_values(obj: Synced, changes: Mapping[str, Any], allowed: Iterable[str]) -> dict[str, Any]:
    """The record's editable values with ``changes`` laid over them; unknown fields are refused."""
    allowed_list = list(allowed)
    for key in changes:
        if key not in allowed_list:
            raise ValidationError(key, f"字段“{key}”不能在此修改")
    return {**{key: getattr(obj, key) for key in allowed_list}, **changes}


def apply_changed(obj: Synced, cleaned: Mapping[str, Any]) -> None:
    """Set only the values that differ, so sync sends the fields that really changed."""
    for key, value in cleaned.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)


def find_live(
    session: Session, model: type[M], *where: ColumnElement[bool], exclude_id: uuid.UUID | None = None
) -> M | None:
    """The first non-deleted row matching ``where`` (other than ``exclude_id``), or None."""
    stmt = select(model).where(model.deleted_at.is_(None), *where)
    if exclude_id is not None:
        stmt = stmt.where(model.id != exclude_id)
    return session.scalars(stmt.order_by(model.created_at).limit(1)).first()


def load_community(
    session: Session, township_id: uuid.UUID, community_id: uuid.UUID, field: str = "community_id"
) -> Community:
    """A live community of the township; anything else is a ValidationError on ``field``."""
    community = load_live(session, Community, community_id, field, "村/社区")
    if community.township_id != township_id:
        raise ValidationError(field, f"“{community.name}”不属于本乡镇/街道")
    return community


def load_live(session: Session, model: type[M], record_id: object, field: str, label: str) -> M:
    """A live row of ``model`` chosen in a form; missing or deleted is a ValidationError on ``field``."""
    obj = session.get(model, record_id) if isinstance(record_id, uuid.UUID) else None
    if obj is None or obj.deleted_at is not None:
        raise ValidationError(field, f"所选{label}不存在或已删除")
    return obj


def pairing_during(start: date, end: date | None = None) -> ColumnElement[bool]:
    """Live pairings active on some day of [start, end] (``end`` None: from ``start`` on, open-ended)."""
    clauses = [Pairing.deleted_at.is_(None), or_(Pairing.end_date.is_(None), Pairing.end_date >= start)]
    if end is not None:
        clauses.append(Pairing.start_date <= end)
    return and_(*clauses)


def active_on(column_start: Any, column_end: Any, day: date) -> ColumnElement[bool]:
    """Rows whose optional [start, end] period contains ``day`` (an empty bound is open)."""
    return and_(
        or_(column_start.is_(None), column_start <= day), or_(column_end.is_(None), column_end >= day)
    )


# A few minutes of leeway for a laptop clock slightly behind the time typed in.
FUTURE_TOLERANCE = timedelta(minutes=5)


def today() -> date:
    """The coordinator's calendar day (the laptop's local clock): what 'today' means on a paper form."""
    return date.today()


def local_midnight(day: date) -> datetime:
    """The first instant of ``day`` on the laptop's local clock, as an aware datetime."""
    return datetime.combine(day, time()).astimezone()


def past_day(value: object, field: str, what: str) -> date:
    """A date (date, text or Excel serial) that is not after today."""
    day = parse_date(value, field=field)
    if day > today():
        raise ValidationError(field, f"{what}（{day.isoformat()}）不能晚于今天")
    return day


def aware(value: object, field: str, what: str) -> datetime:
    """An instant with a time zone; naive datetimes are refused, never guessed at."""
    if not isinstance(value, datetime):
        raise ValidationError(field, f"{what}应为日期时间")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(field, f"{what}缺少时区")
    return value


def past_instant(value: object, field: str, what: str) -> datetime:
    """An aware instant that is not in the future (beyond the clock leeway)."""
    when = aware(value, field, what)
    if when > utcnow() + FUTURE_TOLERANCE:
        raise ValidationError(field, f"{what}不能晚于当前时间")
    return when


def positive_count(value: object, field: str, what: str) -> int:
    """A whole number ≥ 1 (quantities of items)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"{what}应为整数")
    if value < 1:
        raise ValidationError(field, f"{what}至少为 1，当前为 {value}")
    return value


# ---------------------------------------------------------------------------------------------------------
# Batches: many rows checked in memory, then written in one transaction (imports)
# ---------------------------------------------------------------------------------------------------------

BatchAction = Literal["add", "update", "same", "skip", "refuse"]
# Called while a batch is written: (rows written, rows to write). Raising aborts and rolls everything back.
BatchProgress = Callable[[int, int], None]
BATCH_CHUNK = 2000


@dataclass(frozen=True)
class BatchRow:
    """What a batch check decided for one row, before anything is written.

    ``add``: a new record with ``values`` (every column). ``update``: ``record_id`` takes ``values`` (only the
    columns that change; ``before`` has their old values). ``same``: matches ``record_id`` and would change
    nothing. ``skip``: matches ``record_id`` and the caller chose not to update. ``refuse``: ``error`` says
    why (its ``field`` names the attribute), or ``duplicate_of`` is the index of an earlier row of the batch
    with the same key.
    """

    action: BatchAction
    values: Mapping[str, Any] = field(default_factory=dict)
    record_id: uuid.UUID | None = None
    before: Mapping[str, Any] = field(default_factory=dict)
    error: LedgerError | None = None
    duplicate_of: int | None = None
    matched: str = ""  # the ledger record the row matched, in words ('王伟（识字岭社区）')


@dataclass(frozen=True)
class BatchSaved:
    added: tuple[uuid.UUID, ...]
    updated: tuple[uuid.UUID, ...]


def given_keys(row: Mapping[str, Any]) -> list[str]:
    """The keys of a batch row that carry a value (None and blank text mean 'not given')."""
    return [k for k, v in row.items() if v is not None and not (isinstance(v, str) and not v.strip())]


def batch_refuse(error: LedgerError) -> BatchRow:
    return BatchRow("refuse", error=error)


def batch_duplicate(first_index: int, what: str, field: str) -> BatchRow:
    """A row with the same key as the earlier row ``first_index``: refused (the message names the key)."""
    error = ValidationError(field, f"{what}与前面一行相同，是重复记录")
    return BatchRow("refuse", error=error, duplicate_of=first_index)


def batch_diff(record: Synced, cleaned: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(changed values, their old values) of ``cleaned`` against the record, as ``apply_changed`` sees it."""
    changes = {k: v for k, v in cleaned.items() if getattr(record, k) != v}
    return changes, {k: getattr(record, k) for k in changes}


def batch_update(record: Synced, cleaned: Mapping[str, Any], update_existing: bool, matched: str) -> BatchRow:
    """The outcome for a row that matched ``record``: update, same, or skip (the caller chose not to)."""
    if not update_existing:
        return BatchRow("skip", record_id=record.id, matched=matched)
    changes, before = batch_diff(record, cleaned)
    if not changes:
        return BatchRow("same", record_id=record.id, matched=matched)
    return BatchRow("update", values=changes, record_id=record.id, before=before, matched=matched)


def load_by_ids(session: Session, model: type[M], ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, M]:
    """Live rows of ``model`` by id, fetched in chunks (SQLite caps the number of bound parameters)."""
    wanted = list(dict.fromkeys(ids))
    found: dict[uuid.UUID, M] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        stmt = select(model).where(model.id.in_(chunk), model.deleted_at.is_(None))
        found.update((row.id, row) for row in session.scalars(stmt))
    return found


def write_batch(
    session: Session,
    model: type[Synced],
    device_id: str,
    rows: Sequence[BatchRow],
    fixed: Mapping[str, Any],
    progress: BatchProgress | None,
) -> BatchSaved:
    """Insert the ``add`` rows (with ``fixed`` values, e.g. the township) in ORM bulk INSERT statements and
    apply the ``update`` rows to the loaded records, inside the caller's transaction.

    Updates go through the objects, not a bulk UPDATE statement: the sync change log captures changes at
    flush time and refuses bulk UPDATEs that would escape it.
    """
    now = utcnow()
    inserts: list[dict[str, Any]] = []
    for row in rows:
        if row.action == "add":
            inserts.append(
                {
                    **fixed,
                    **row.values,
                    "id": uuid.uuid4(),
                    "created_at": now,
                    "updated_at": now,
                    "device_id": device_id,
                    "deleted_at": None,
                }
            )
    updates = [r for r in rows if r.action == "update" and r.record_id is not None]
    total = len(inserts) + len(updates)
    done = 0
    for start in range(0, len(inserts), BATCH_CHUNK):
        chunk = inserts[start : start + BATCH_CHUNK]
        session.execute(insert(model), chunk)
        done += len(chunk)
        if progress is not None:
            progress(done, total)
    for start in range(0, len(updates), BATCH_CHUNK):
        pending = updates[start : start + BATCH_CHUNK]
        records = load_by_ids(session, model, [r.record_id for r in pending if r.record_id is not None])
        for row in pending:
            assert row.record_id is not None
            record = records.get(row.record_id)
            if record is None:
                raise ConflictError("预览之后台账已有变化（要更新的记录已被删除），请重新预览后再导入")
            apply_changed(record, row.values)
        session.flush()
        done += len(pending)
        if progress is not None:
            progress(done, total)
    return BatchSaved(tuple(r["id"] for r in inserts), tuple(r.record_id for r in updates if r.record_id))


def township_communities(session: Session, township_id: uuid.UUID) -> dict[uuid.UUID, Community]:
    """The township's live communities by id (what a batch checks ``community_id`` against)."""
    stmt = select(Community).where(Community.township_id == township_id, Community.deleted_at.is_(None))
    return {c.id: c for c in session.scalars(stmt)}


def community_of(communities: Mapping[uuid.UUID, Community], community_id: object) -> Community:
    """``load_community`` for a batch: the community among the township's, or a ValidationError."""
    if community_id is None:
        raise ValidationError("community_id", "未填写村/社区")
    community = communities.get(community_id) if isinstance(community_id, uuid.UUID) else None
    if community is None:
        raise ValidationError("community_id", "所选村/社区不存在或已删除，或不属于本乡镇/街道")
    return community
