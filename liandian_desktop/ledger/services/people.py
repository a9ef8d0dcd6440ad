"""Residents (居民): the people demands come from, services reach and sign-in sheets list.

Sensitive fields (ID number, phone, health, disability, 低保/特困) are stored as entered; masking belongs to
printing. Age groups (老年人 60+, 高龄老人 80+) follow the birth date and are recomputed on every change.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.errors import ConflictError, LedgerError, ValidationError
from liandian_desktop.ledger.models import Community, Resident, SpecialGroup, Township
from liandian_desktop.ledger.services.base import Service
from liandian_desktop.ledger.services.fields import (
    BatchProgress,
    BatchRow,
    BatchSaved,
    apply_changed,
    batch_duplicate,
    batch_refuse,
    batch_update,
    coerce_enum,
    community_of,
    edit_values,
    find_live,
    given_keys,
    load_by_ids,
    load_community,
    load_live,
    optional_phone,
    optional_text,
    resolve_identity,
    township_communities,
    write_batch,
)
from liandian_desktop.ledger.validation import validate_id_number, validate_name

ELDERLY_AGE = 60
ELDERLY_80_AGE = 80
AGE_GROUPS = frozenset({SpecialGroup.ELDERLY, SpecialGroup.ELDERLY_80})

RESIDENT_FIELDS = (
    "community_id",
    "name",
    "gender",
    "birth_date",
    "id_number",
    "phone",
    "address",
    "household_no",
    "groups",
    "health_note",
    "disability_note",
    "note",
)


@dataclass(frozen=True)
class ResidentKey:
    """What identifies a resident when matching names and numbers read from paper or a spreadsheet."""

    id: uuid.UUID
    name: str
    id_number: str | None
    phone: str
    community_id: uuid.UUID
    special_groups: str  # sorted SpecialGroup codes, comma-separated


def age_on(birth: date, day: date) -> int:
    """Full years of age on ``day``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def with_age_groups(
    groups: Iterable[object], birth_date: date | None, today: date | None = None
) -> set[SpecialGroup]:
    """The given groups (codes, labels or members) with the age groups set from the birth date.

    With a birth date, 老年人/高龄老人 follow the age exactly (a stale flag is dropped); without one, the
    flags given by the user are kept.
    """
    if isinstance(groups, str):
        groups = [g for g in groups.replace("，", ",").split(",") if g.strip()]
    result = {coerce_enum(SpecialGroup, g, "groups", "特殊群体") for g in groups}
    if birth_date is None:
        return result
    age = age_on(birth_date, today or date.today())
    result -= AGE_GROUPS
    if age >= ELDERLY_AGE:
        result.add(SpecialGroup.ELDERLY)
    if age >= ELDERLY_80_AGE:
        result.add(SpecialGroup.ELDERLY_80)
    return result


class ResidentService(Service):
    """Residents of a township. ID numbers are unique among the township's live residents."""

    model = Resident

    def create(
        self,
        township_id: uuid.UUID,
        community_id: uuid.UUID,
        name: str,
        *,
        gender: object = None,
        birth_date: object = None,
        id_number: str | None = None,
        phone: str = "",
        address: str = "",
        household_no: str = "",
        groups: Iterable[SpecialGroup | str] = (),
        health_note: str = "",
        disability_note: str = "",
        note: str = "",
    ) -> Resident:
        values: dict[str, Any] = {
            "community_id": community_id,
            "name": name,
            "gender": gender,
            "birth_date": birth_date,
            "id_number": id_number,
            "phone": phone,
            "address": address,
            "household_no": household_no,
            "groups": groups,
            "health_note": health_note,
            "disability_note": disability_note,
            "note": note,
        }
        explicit = [key for key in ("gender", "birth_date") if values[key] not in (None, "")]
        with self.store.transaction() as session:
            township = load_live(session, Township, township_id, "township_id", "乡镇/街道")
            cleaned = self._clean(session, township.id, values, explicit, None)
            resident = Resident(township_id=township.id, **cleaned)
            session.add(resident)
            return resident

    def edit(self, resident_id: uuid.UUID, **changes: Any) -> Resident:
        """Change fields; a new ID number re-derives gender and birth date unless given in the same call."""
        with self.store.transaction() as session:
            resident = self._get(session, Resident, resident_id)
            merged = edit_values(resident, changes, RESIDENT_FIELDS)
            cleaned = self._clean(session, resident.township_id, merged, changes.keys(), resident.id)
            apply_changed(resident, cleaned)
            return resident

    def restore(self, record_id: uuid.UUID) -> None:
        """Undo a soft delete, unless another live resident has taken the ID number meanwhile."""
        with self.store.transaction() as session:
            resident = self._get(session, Resident, record_id, include_deleted=True)
            self._ensure_id_free(session, resident.township_id, resident.id_number, resident.id)
            resident.deleted_at = None

    def find_by_id_number(self, township_id: uuid.UUID, id_number: str) -> Resident | None:
        """The township's live resident with this ID number (any accepted spelling), or None."""
        number = validate_id_number(id_number, "id_number")
        with self.store.session() as session:
            return find_live(
                session, Resident, Resident.township_id == township_id, Resident.id_number == number
            )

    def refresh_age_groups(self, township_id: uuid.UUID, on: date | None = None) -> int:
        """Recompute 老年人/高龄老人 for every resident with a birth date (people age between edits).

        Returns how many residents changed.
        """
        day = on or date.today()
        changed = 0
        with self.store.transaction() as session:
            residents = session.scalars(
                select(Resident).where(
                    Resident.township_id == township_id,
                    Resident.deleted_at.is_(None),
                    Resident.birth_date.is_not(None),
                )
            )
            for resident in residents:
                groups = with_age_groups(resident.groups, resident.birth_date, day)
                if groups != resident.groups:
                    resident.groups = groups
                    changed += 1
        return changed

    def _clean(
        self,
        session: Session,
        township_id: uuid.UUID,
        values: dict[str, Any],
        explicit: Iterable[str],
        resident_id: uuid.UUID | None,
    ) -> dict[str, Any]:
        community: Community = load_community(session, township_id, values["community_id"])
        identity = resolve_identity(values["id_number"], values["gender"], values["birth_date"], explicit)
        self._ensure_id_free(session, township_id, identity.id_number, resident_id)
        groups = with_age_groups(values["groups"], identity.birth_date)
        return {
            "community_id": community.id,
            "name": validate_name(values["name"], "name"),
            "gender": identity.gender,
            "birth_date": identity.birth_date,
            "id_number": identity.id_number,
            "phone": optional_phone(values["phone"], "phone"),
            "address": optional_text(values["address"], "address", "住址", 200),
            "household_no": optional_text(values["household_no"], "household_no", "户号", 30),
            "special_groups": ",".join(sorted(g.value for g in groups)),
            "health_note": optional_text(values["health_note"], "health_note", "健康状况", 2000),
            "disability_note": optional_text(values["disability_note"], "disability_note", "残疾情况", 2000),
            "note": optional_text(values["note"], "note", "备注", 2000),
        }

    @staticmethod
    def _ensure_id_free(
        session: Session, township_id: uuid.UUID, id_number: str | None, resident_id: uuid.UUID | None
    ) -> None:
        if id_number is None:
            return
        other = find_live(
            session,
            Resident,
            Resident.township_id == township_id,
            Resident.id_number == id_number,
            exclude_id=resident_id,
        )
        if other is not None:
            community = session.get(Community, other.community_id)
            where = f"（{community.name}）" if community is not None else ""
            raise ConflictError(f"身份证号码与本乡镇/街道已登记的居民“{other.name}”{where}重复")

    # -- batches (imports) ---------------------------------------------------------------------------
    def directory(self, township_id: uuid.UUID) -> list[ResidentKey]:
        """Every live resident of the township, with only what identifies them (one query)."""
        with self.store.session() as session:
            rows = session.execute(
                select(
                    Resident.id,
                    Resident.name,
                    Resident.id_number,
                    Resident.phone,
                    Resident.community_id,
                    Resident.special_groups,
                )
                .where(Resident.township_id == township_id, Resident.deleted_at.is_(None))
                .order_by(Resident.created_at, Resident.id)
            )
            return [ResidentKey(*row) for row in rows]

    def check_batch(
        self, township_id: uuid.UUID, rows: Sequence[Mapping[str, Any]], *, update_existing: bool
    ) -> list[BatchRow]:
        """Check many residents at once and write nothing; a few queries whatever the number of rows.

        Each row holds keyword arguments of :meth:`create` (``community_id`` a community id); a key that is
        missing or blank is 'not given'. The rules of :meth:`create` apply. A row whose ID number belongs to
        a live resident of the township matches that resident: with ``update_existing`` the values given
        replace theirs (as :meth:`edit` would), otherwise the row is skipped. A row with the ID number of an
        earlier row of the batch is refused, pointing at the earlier one.
        """
        for row in rows:
            unknown = set(row) - set(RESIDENT_FIELDS)
            if unknown:
                raise ValidationError(sorted(unknown)[0], f"字段“{sorted(unknown)[0]}”不能导入")
        with self.store.session() as session:
            township = load_live(session, Township, township_id, "township_id", "乡镇/街道")
            communities = township_communities(session, township.id)
            known: dict[str, uuid.UUID] = {
                number: rid
                for number, rid in session.execute(
                    select(Resident.id_number, Resident.id).where(
                        Resident.township_id == township.id,
                        Resident.deleted_at.is_(None),
                        Resident.id_number.is_not(None),
                    )
                )
                if number
            }
            first: list[BatchRow | dict[str, Any]] = []
            for row in rows:
                given = {k: row[k] for k in given_keys(row)}
                values = {**_RESIDENT_DEFAULTS, **given}
                try:
                    first.append(_clean_resident(communities, values, given.keys()))
                except LedgerError as exc:
                    first.append(batch_refuse(exc))
            numbers = [c["id_number"] for c in first if isinstance(c, dict)]
            existing = load_by_ids(session, Resident, [known[n] for n in numbers if n in known])
        results: list[BatchRow] = []
        seen: dict[str, int] = {}
        for index, (row, cleaned) in enumerate(zip(rows, first, strict=True)):
            if isinstance(cleaned, BatchRow):
                results.append(cleaned)
                continue
            number = cleaned["id_number"]
            if number is not None and number in seen:
                results.append(batch_duplicate(seen[number], "身份证号码", "id_number"))
                continue
            if number is not None:
                seen[number] = index
            resident = existing.get(known[number]) if number in known else None
            if resident is None:
                results.append(BatchRow("add", values=cleaned))
                continue
            place = communities.get(resident.community_id)
            matched_text = f"{resident.name}（{place.name}）" if place is not None else resident.name
            try:
                changes = {k: row[k] for k in given_keys(row)}
                merged = edit_values(resident, changes, RESIDENT_FIELDS)
                update = _clean_resident(communities, merged, changes.keys())
            except LedgerError as exc:
                results.append(batch_refuse(exc))
                continue
            results.append(batch_update(resident, update, update_existing, matched_text))
        return results

    def save_batch(
        self, township_id: uuid.UUID, rows: Sequence[BatchRow], progress: BatchProgress | None = None
    ) -> BatchSaved:
        """Write the ``add`` and ``update`` rows of :meth:`check_batch` in one transaction: all or nothing.

        ID numbers are checked against the ledger again (one query); one taken since the check refuses the
        whole batch (ConflictError), as does a record to update that was deleted meanwhile.
        """
        with self.store.transaction() as session:
            township = load_live(session, Township, township_id, "township_id", "乡镇/街道")
            numbers = {r.values["id_number"] for r in rows if r.action == "add" and r.values.get("id_number")}
            if numbers:
                taken = session.scalars(
                    select(Resident.id_number).where(
                        Resident.township_id == township.id,
                        Resident.deleted_at.is_(None),
                        Resident.id_number.is_not(None),
                    )
                )
                clash = numbers.intersection(taken)
                if clash:
                    raise ConflictError(
                        f"预览之后台账已有变化：有 {len(clash)} 个身份证号码已被登记，请重新预览后再导入"
                    )
            return write_batch(
                session, Resident, self.store.device_id, rows, {"township_id": township.id}, progress
            )


_RESIDENT_DEFAULTS: dict[str, Any] = {
    "community_id": None,
    "name": None,
    "gender": None,
    "birth_date": None,
    "id_number": None,
    "phone": "",
    "address": "",
    "household_no": "",
    "groups": (),
    "health_note": "",
    "disability_note": "",
    "note": "",
}


def _clean_resident(
    communities: Mapping[uuid.UUID, Community], values: Mapping[str, Any], explicit: Iterable[str]
) -> dict[str, Any]:
    """:meth:`ResidentService._clean` without the database: the township's communities are given, and ID
    uniqueness is the batch's business."""
    community = community_of(communities, values["community_id"])
    identity = resolve_identity(values["id_number"], values["gender"], values["birth_date"], explicit)
    groups = with_age_groups(values["groups"] or (), identity.birth_date)
    return {
        "community_id": community.id,
        "name": validate_name(values["name"], "name"),
        "gender": identity.gender,
        "birth_date": identity.birth_date,
        "id_number": identity.id_number,
        "phone": optional_phone(values["phone"], "phone"),
        "address": optional_text(values["address"], "address", "住址", 200),
        "household_no": optional_text(values["household_no"], "household_no", "户号", 30),
        "special_groups": ",".join(sorted(g.value for g in groups)),
        "health_note": optional_text(values["health_note"], "health_note", "健康状况", 2000),
        "disability_note": optional_text(values["disability_note"], "disability_note", "残疾情况", 2000),
        "note": optional_text(values["note"], "note", "备注", 2000),
    }
