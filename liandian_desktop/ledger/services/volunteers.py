"""The volunteer roster after MCA Order 67 (志愿服务记录与证明出具办法): registration, service records,
the points ledger (积分), training, awards, and the data of a service certificate (志愿服务记录证明).

Only volunteer service goes here. A cadre's mandatory days in the community (蹲点) are not volunteer hours:
they belong to the cadre-days ledger (``workforce.CadreDayService``), and nothing here writes it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.errors import ConflictError, LedgerError, ValidationError
from liandian_desktop.ledger.models import (
    Activity,
    Community,
    DemandCategory,
    Gender,
    PointsEntry,
    PointsKind,
    PointsRule,
    Resident,
    Township,
    Volunteer,
    VolunteerAward,
    VolunteerServiceRecord,
    VolunteerStatus,
    VolunteerTraining,
    utcnow,
)
from liandian_desktop.ledger.services.base import Service, make_code
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
    past_day,
    resolve_identity,
    today,
    township_communities,
    write_batch,
)
from liandian_desktop.ledger.validation import (
    mask_id_number,
    normalize_text,
    parse_date,
    parse_hours,
    validate_name,
)

RESIDENT_ID_CARD = "居民身份证"
# The points rule applied to every hour of service (catalogue P01, 10 points an hour by default).
SERVICE_POINTS_RULE = "P01"
# MCA Order 67: a record is to be entered within 10 working days of the service.
RECORD_WITHIN_WORKING_DAYS = 10
MAX_HOURS_A_DAY = Decimal(24)
_CENT = Decimal("0.01")

_VOLUNTEER_EDITABLE = (
    "name",
    "id_type",
    "id_number",
    "gender",
    "birth_date",
    "phone",
    "region",
    "skills",
    "service_categories",
    "community_id",
    "resident_id",
    "status",
    "note",
)


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``: Monday to Friday.

    Public holidays and the weekend days made working days in exchange (调休) are ignored: the State
    Council publishes them each year and the ledger has no holiday calendar yet, so a record keyed just
    after a holiday may be flagged late a few days early.
    """
    if end <= start:
        return 0
    full_weeks, extra = divmod((end - start).days, 7)
    days = full_weeks * 5
    for offset in range(1, extra + 1):
        if (start + timedelta(days=full_weeks * 7 + offset)).weekday() < 5:
            days += 1
    return days


def _parse_points(value: object, field: str = "points") -> Decimal:
    """Points: a number > 0 with at most 2 decimal places."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, str)):
        raise ValidationError(field, "积分应为数字")
    try:
        number = Decimal(normalize_text(value) if isinstance(value, str) else repr(value))
    except InvalidOperation:
        raise ValidationError(field, f"积分“{value}”不是有效的数字") from None
    if not number.is_finite() or number <= 0:
        raise ValidationError(field, f"积分必须大于 0，当前为 {value}")
    if number != number.quantize(_CENT):
        raise ValidationError(field, f"积分最多 2 位小数，当前为 {value}")
    return number.quantize(_CENT)


def _append_line(text: str, line: str) -> str:
    return f"{text}\n{line}" if text else line


def _masked_id(volunteer: Volunteer) -> str:
    """A resident ID card keeps its first 6 and last 4 characters; another document its first and last 2."""
    number = volunteer.id_number or ""
    if not number:
        return ""
    if volunteer.id_type == RESIDENT_ID_CARD:
        return mask_id_number(number, public=False)
    return number[:2] + "*" * max(0, len(number) - 4) + number[-2:]


@dataclass(frozen=True)
class ServiceRecordResult:
    record: VolunteerServiceRecord
    points: PointsEntry | None  # what the service earned (None when no points rule is active)
    working_days: int  # working days from the service to its recording
    late: bool  # recorded more than 10 working days after the service (allowed, but flagged)


@dataclass(frozen=True)
class CorrectionResult:
    record: VolunteerServiceRecord
    adjustment: PointsEntry | None  # the ADJUST entry, when the hours changed the points


@dataclass(frozen=True)
class CertificateLine:
    service_date: date
    activity_name: str
    place: str
    content: str
    hours: Decimal
    organiser: str
    responsible_person: str


@dataclass(frozen=True)
class ServiceCertificate:
    """What a 志愿服务记录证明 states (MCA Order 67): who, which service, how many hours, issued by whom."""

    volunteer_no: str
    name: str
    gender: str  # Chinese label, '' when unknown
    id_type: str
    id_number_masked: str  # first 6 and last 4 characters of a resident ID card
    registered_on: date
    organisation: str  # the township (street) issuing the certificate
    community: str
    period_start: date
    period_end: date
    total_hours: Decimal
    records: tuple[CertificateLine, ...]
    issued_on: date


class VolunteerService(Service):
    model = Volunteer

    # -- the roster ----------------------------------------------------------------------------------
    def register(
        self,
        township_id: uuid.UUID,
        name: str,
        id_number: str,
        *,
        id_type: str = RESIDENT_ID_CARD,
        gender: Gender | str | None = None,
        birth_date: date | str | None = None,
        phone: str = "",
        region: str = "",
        skills: str = "",
        service_categories: Iterable[str] | str = (),
        community_id: uuid.UUID | None = None,
        resident_id: uuid.UUID | None = None,
        registered_on: date | str | None = None,
        note: str = "",
    ) -> Volunteer:
        """Register a volunteer with the basic information of MCA Order 67.

        For a resident ID card (the default), gender and birth date are read from the number, and a gender
        or birth date passed that disagrees with it is refused; for another document they are taken as
        given. The ID number is unique among the township's live volunteers (ConflictError). The volunteer
        number is generated ('ZY' + 6 random characters: laptops offline cannot share a counter).
        """
        registered = past_day(registered_on or today(), "registered_on", "登记日期")
        explicit = [key for key, value in (("gender", gender), ("birth_date", birth_date)) if value]
        with self.store.transaction() as session:
            township = load_live(session, Township, township_id, "township_id", "乡镇/街道")
            values = self._clean(
                session,
                township.id,
                {
                    "name": name,
                    "id_type": id_type,
                    "id_number": id_number,
                    "gender": gender,
                    "birth_date": birth_date,
                    "phone": phone,
                    "region": region,
                    "skills": skills,
                    "service_categories": service_categories,
                    "community_id": community_id,
                    "resident_id": resident_id,
                    "status": VolunteerStatus.ACTIVE,
                    "note": note,
                },
                explicit,
                exclude=None,
            )
            volunteer = Volunteer(
                township_id=township.id,
                volunteer_no=self._new_number(session),
                registered_on=registered,
                **values,
            )
            session.add(volunteer)
            return volunteer

    def edit(self, volunteer_id: uuid.UUID, **changes: Any) -> Volunteer:
        """Change a volunteer's basic information or status; the rules of :meth:`register` apply."""
        with self.store.transaction() as session:
            volunteer = self._get(session, Volunteer, volunteer_id)
            merged = edit_values(volunteer, changes, _VOLUNTEER_EDITABLE)
            values = self._clean(session, volunteer.township_id, merged, changes.keys(), exclude=volunteer.id)
            apply_changed(volunteer, values)
            return volunteer

    def restore(self, record_id: uuid.UUID) -> None:
        """Undo a soft delete, unless another volunteer of the township now has the same ID number."""
        with self.store.transaction() as session:
            volunteer = self._get(session, Volunteer, record_id, include_deleted=True)
            if volunteer.id_number:
                self._check_unique(session, volunteer.township_id, volunteer.id_number, volunteer.id)
            volunteer.deleted_at = None

    # -- batches (imports) ---------------------------------------------------------------------------
    def check_batch(
        self, township_id: uuid.UUID, rows: Sequence[Mapping[str, Any]], *, update_existing: bool
    ) -> list[BatchRow]:
        """Check many volunteers at once and write nothing; a few queries whatever the number of rows.

        Each row holds keyword arguments of :meth:`register` (plus ``status``); missing or blank keys are
        'not given', and the rules of :meth:`register` apply. A volunteer is linked to the township's
        resident with the same ID number (and takes that resident's community when none is given). A row
        whose ID number is a live volunteer of the township matches them: updated with the values given
        (``update_existing``) or skipped. A later row with the ID number of an earlier one is refused.
        """
        allowed = {*_VOLUNTEER_EDITABLE, "registered_on"}
        for row in rows:
            unknown = sorted(set(row) - allowed)
            if unknown:
                raise ValidationError(unknown[0], f"字段“{unknown[0]}”不能导入")
        with self.store.session() as session:
            township = load_live(session, Township, township_id, "township_id", "乡镇/街道")
            context = _VolunteerBatch(
                communities=township_communities(session, township.id),
                residents={
                    number: (rid, community_id)
                    for number, rid, community_id in session.execute(
                        select(Resident.id_number, Resident.id, Resident.community_id).where(
                            Resident.township_id == township.id,
                            Resident.deleted_at.is_(None),
                            Resident.id_number.is_not(None),
                        )
                    )
                    if number
                },
                categories=_category_names(session),
            )
            known: dict[str, uuid.UUID] = {
                number: vid
                for number, vid in session.execute(
                    select(Volunteer.id_number, Volunteer.id).where(
                        Volunteer.township_id == township.id,
                        Volunteer.deleted_at.is_(None),
                        Volunteer.id_number.is_not(None),
                    )
                )
                if number
            }
            first: list[BatchRow | dict[str, Any]] = []
            for row in rows:
                given = {k: row[k] for k in given_keys(row)}
                try:
                    first.append(context.clean({**_VOLUNTEER_DEFAULTS, **given}, given.keys(), new=True))
                except LedgerError as exc:
                    first.append(batch_refuse(exc))
            numbers = [c["id_number"] for c in first if isinstance(c, dict)]
            existing = load_by_ids(session, Volunteer, [known[n] for n in numbers if n in known])
        results: list[BatchRow] = []
        seen: dict[str, int] = {}
        for index, (row, cleaned) in enumerate(zip(rows, first, strict=True)):
            if isinstance(cleaned, BatchRow):
                results.append(cleaned)
                continue
            number = cleaned["id_number"]
            if number in seen:
                results.append(batch_duplicate(seen[number], "证件号码", "id_number"))
                continue
            seen[number] = index
            volunteer = existing.get(known[number]) if number in known else None
            if volunteer is None:
                results.append(BatchRow("add", values=cleaned))
                continue
            try:
                changes = {k: row[k] for k in given_keys(row) if k != "registered_on"}
                merged = edit_values(volunteer, changes, _VOLUNTEER_EDITABLE)
                update = context.clean(merged, changes.keys(), new=False)
            except LedgerError as exc:
                results.append(batch_refuse(exc))
                continue
            matched = f"{volunteer.name}（编号 {volunteer.volunteer_no}）"
            results.append(batch_update(volunteer, update, update_existing, matched))
        return results

    def save_batch(
        self, township_id: uuid.UUID, rows: Sequence[BatchRow], progress: BatchProgress | None = None
    ) -> BatchSaved:
        """Write the ``add`` and ``update`` rows of :meth:`check_batch` in one transaction: all or nothing.
        New volunteers get their numbers here; an ID number registered since the check refuses the batch."""
        with self.store.transaction() as session:
            township = load_live(session, Township, township_id, "township_id", "乡镇/街道")
            numbers = {r.values["id_number"] for r in rows if r.action == "add"}
            if numbers:
                taken = session.scalars(
                    select(Volunteer.id_number).where(
                        Volunteer.township_id == township.id, Volunteer.deleted_at.is_(None)
                    )
                )
                clash = numbers.intersection(taken)
                if clash:
                    raise ConflictError(
                        f"预览之后台账已有变化：有 {len(clash)} 个证件号码已登记为志愿者，请重新预览后再导入"
                    )
            used = set(session.scalars(select(Volunteer.volunteer_no)))
            numbered: list[BatchRow] = []
            for row in rows:
                if row.action == "add":
                    number = make_code("ZY")
                    while number in used:  # a clash is one in a billion; check anyway
                        number = make_code("ZY")
                    used.add(number)
                    row = BatchRow("add", values={**row.values, "volunteer_no": number})
                numbered.append(row)
            return write_batch(
                session, Volunteer, self.store.device_id, numbered, {"township_id": township.id}, progress
            )

    # -- service records and points ------------------------------------------------------------------
    def record_service(
        self,
        volunteer_id: uuid.UUID,
        activity_name: str = "",
        service_date: date | str | None = None,
        hours: object = None,
        place: str = "",
        content: str = "",
        organiser: str = "",
        responsible_person: str = "",
        activity_id: uuid.UUID | None = None,
        recorded_on: date | str | None = None,
    ) -> ServiceRecordResult:
        """Record one service (MCA Order 67) and earn its points in the same transaction.

        ``hours`` is the time spent serving, travel excluded (MCA Order 67): 0 < hours ≤ 24, at most 2
        decimals, and no more than 24 hours on one day for one volunteer. With ``activity_id``, the
        activity's title, date, place, organiser and responsible person fill what is left empty.
        ``recorded_on`` (default today) may be more than 10 working days after the service: the record is
        kept and flagged ``late``. Points: the active rule P01 gives hours × its points per hour.
        """
        if hours is None or (isinstance(hours, str) and not normalize_text(hours)):
            raise ValidationError("hours", "请填写服务时长（小时，不含往返路途时间）")
        parsed_hours = parse_hours(hours, field="hours")
        with self.store.transaction() as session:
            volunteer = self._get(session, Volunteer, volunteer_id)
            if activity_id is not None:
                activity = self._get(session, Activity, activity_id)
                if activity.township_id != volunteer.township_id:
                    raise ValidationError("activity_id", "该活动不属于志愿者所在乡镇（街道）")
                duplicate = session.scalar(
                    select(VolunteerServiceRecord.id).where(
                        VolunteerServiceRecord.volunteer_id == volunteer.id,
                        VolunteerServiceRecord.activity_id == activity.id,
                        VolunteerServiceRecord.deleted_at.is_(None),
                    )
                )
                if duplicate is not None:
                    raise ConflictError(
                        f"{volunteer.name}在活动“{activity.title}”中的服务已有记录，请勿重复登记"
                    )
                activity_name = activity_name or activity.title
                service_date = service_date or activity.starts_at.astimezone().date()
                place = place or activity.place
                organiser = organiser or activity.organiser
                responsible_person = responsible_person or activity.responsible
            if service_date is None:
                raise ValidationError("service_date", "请填写服务日期")
            served = past_day(service_date, "service_date", "服务日期")
            recorded = past_day(recorded_on or today(), "recorded_on", "记录日期")
            if recorded < served:
                raise ValidationError("recorded_on", "记录日期不能早于服务日期")
            self._check_day_total(session, volunteer, served, parsed_hours, exclude=None)
            record = VolunteerServiceRecord(
                id=uuid.uuid4(),
                township_id=volunteer.township_id,
                volunteer_id=volunteer.id,
                activity_id=activity_id,
                activity_name=self._require_text(activity_name, "activity_name", "活动名称", max_len=100),
                service_date=served,
                place=optional_text(place, "place", "服务地点", 100),
                content=(content or "").strip(),
                hours=parsed_hours,
                organiser=self._require_text(organiser, "organiser", "组织单位", max_len=100),
                responsible_person=optional_text(responsible_person, "responsible_person", "负责人", 50),
                recorded_on=recorded,
            )
            session.add(record)
            entry = self._earn(session, record)
            days = working_days_between(served, recorded)
            return ServiceRecordResult(record, entry, days, days > RECORD_WITHIN_WORKING_DAYS)

    def correct_record(self, record_id: uuid.UUID, hours: object = None, note: str = "") -> CorrectionResult:
        """A volunteer's correction request: the record takes the corrected hours, keeps the reason (and the
        hours before) in its correction note and the time in ``corrected_at``. Points already earned are
        not edited: an ADJUST entry adds the difference, at the rate the record earned at."""
        reason = self._require_text(note, "note", "更正原因", max_len=500)
        new_hours = parse_hours(hours, field="hours") if hours is not None else None
        with self.store.transaction() as session:
            record = self._get(session, VolunteerServiceRecord, record_id)
            volunteer = self._get(session, Volunteer, record.volunteer_id, include_deleted=True)
            old_hours = record.hours
            line = f"{today().isoformat()} {reason}"
            adjustment: PointsEntry | None = None
            if new_hours is not None and new_hours != old_hours:
                self._check_day_total(session, volunteer, record.service_date, new_hours, exclude=record.id)
                line = f"{today().isoformat()} 服务时长 {old_hours} → {new_hours} 小时：{reason}"
                linked = self._linked_entries(session, record.id)
                earned = sum((e.points for e in linked), Decimal(0))
                if earned:
                    delta = ((new_hours - old_hours) * earned / old_hours).quantize(_CENT)
                    if delta:
                        adjustment = self._entry(
                            session, record, PointsKind.ADJUST, delta, linked[0].rule_id, f"更正：{reason}"
                        )
                record.hours = new_hours
            record.correction_note = _append_line(record.correction_note, line)
            record.corrected_at = utcnow()
            return CorrectionResult(record, adjustment)

    def delete_record(self, record_id: uuid.UUID, note: str) -> PointsEntry | None:
        """Soft-delete a service record entered in error; the points it earned are taken back with an
        ADJUST entry (the earlier entries stay). Returns that entry, if any."""
        reason = self._require_text(note, "note", "删除原因", max_len=500)
        with self.store.transaction() as session:
            record = self._get(session, VolunteerServiceRecord, record_id)
            linked = self._linked_entries(session, record.id)
            earned = sum((e.points for e in linked), Decimal(0))
            entry = None
            if earned:
                rule_id = linked[0].rule_id
                entry = self._entry(session, record, PointsKind.ADJUST, -earned, rule_id, f"删除：{reason}")
            line = f"{today().isoformat()} 删除：{reason}"
            record.correction_note = _append_line(record.correction_note, line)
            record.deleted_at = utcnow()
            return entry

    def redeem(
        self, volunteer_id: uuid.UUID, points: object, item: str, on: date | str | None = None, note: str = ""
    ) -> PointsEntry:
        """积分兑换: spend points on an item. Refused (ConflictError) when the balance would go below zero."""
        amount = _parse_points(points)
        item = self._require_text(item, "item", "兑换物品", max_len=100)
        day = past_day(on if on is not None else today(), "on", "兑换日期")
        with self.store.transaction() as session:
            volunteer = self._get(session, Volunteer, volunteer_id)
            available = self._balance(session, volunteer.id)
            if amount > available:
                raise ConflictError(f"{volunteer.name}的积分余额为 {available} 分，不足以兑换 {amount} 分")
            entry = PointsEntry(
                township_id=volunteer.township_id,
                volunteer_id=volunteer.id,
                entry_date=day,
                kind=PointsKind.REDEEM,
                points=-amount,
                item=item,
                note=note.strip(),
            )
            session.add(entry)
            return entry

    def balance(self, volunteer_id: uuid.UUID) -> Decimal:
        """积分余额: the sum of the volunteer's points entries (earned, redeemed, adjusted)."""
        with self.store.session() as session:
            volunteer = self._get(session, Volunteer, volunteer_id)
            return self._balance(session, volunteer.id)

    def points_history(self, volunteer_id: uuid.UUID) -> list[PointsEntry]:
        """The volunteer's points ledger, oldest first."""
        with self.store.session() as session:
            volunteer = self._get(session, Volunteer, volunteer_id)
            stmt = (
                select(PointsEntry)
                .where(PointsEntry.volunteer_id == volunteer.id, PointsEntry.deleted_at.is_(None))
                .order_by(PointsEntry.entry_date, PointsEntry.created_at)
            )
            return list(session.scalars(stmt))

    def records(
        self, volunteer_id: uuid.UUID, start: date | str | None = None, end: date | str | None = None
    ) -> list[VolunteerServiceRecord]:
        """The volunteer's live service records with a service date in [start, end] (inclusive), by date."""
        first = parse_date(start, field="start") if start is not None else None
        last = parse_date(end, field="end") if end is not None else None
        if first is not None and last is not None and last < first:
            raise ValidationError("end", "截止日期不能早于起始日期")
        with self.store.session() as session:
            volunteer = self._get(session, Volunteer, volunteer_id, include_deleted=True)
            stmt = select(VolunteerServiceRecord).where(
                VolunteerServiceRecord.volunteer_id == volunteer.id,
                VolunteerServiceRecord.deleted_at.is_(None),
            )
            if first is not None:
                stmt = stmt.where(VolunteerServiceRecord.service_date >= first)
            if last is not None:
                stmt = stmt.where(VolunteerServiceRecord.service_date <= last)
            order = (VolunteerServiceRecord.service_date, VolunteerServiceRecord.created_at)
            return list(session.scalars(stmt.order_by(*order)))

    def total_hours(
        self, volunteer_id: uuid.UUID, start: date | str | None = None, end: date | str | None = None
    ) -> Decimal:
        """Total service hours (travel excluded) with a service date in [start, end], both inclusive."""
        return sum((r.hours for r in self.records(volunteer_id, start, end)), Decimal("0.00"))

    # -- training and awards -------------------------------------------------------------------------
    def add_training(
        self,
        volunteer_id: uuid.UUID,
        training_date: date | str,
        title: str,
        hours: object = None,
        organiser: str = "",
    ) -> VolunteerTraining:
        """A training the volunteer attended (hours optional; when given, 0 < hours ≤ 24)."""
        day = past_day(training_date, "training_date", "培训日期")
        title = self._require_text(title, "title", "培训名称", max_len=100)
        parsed = parse_hours(hours, field="hours") if hours is not None else Decimal(0)
        with self.store.transaction() as session:
            volunteer = self._get(session, Volunteer, volunteer_id)
            training = VolunteerTraining(
                township_id=volunteer.township_id,
                volunteer_id=volunteer.id,
                training_date=day,
                title=title,
                hours=parsed,
                organiser=optional_text(organiser, "organiser", "培训单位", 100),
            )
            session.add(training)
            return training

    def add_award(
        self,
        volunteer_id: uuid.UUID,
        award_date: date | str,
        title: str,
        level: str = "",
        issuer: str = "",
    ) -> VolunteerAward:
        """An award or commendation (表彰奖励) the volunteer received."""
        day = past_day(award_date, "award_date", "表彰日期")
        title = self._require_text(title, "title", "表彰名称", max_len=100)
        with self.store.transaction() as session:
            volunteer = self._get(session, Volunteer, volunteer_id)
            award = VolunteerAward(
                township_id=volunteer.township_id,
                volunteer_id=volunteer.id,
                award_date=day,
                title=title,
                level=optional_text(level, "level", "表彰级别", 30),
                issuer=optional_text(issuer, "issuer", "授予单位", 100),
            )
            session.add(award)
            return award

    # -- certificate ---------------------------------------------------------------------------------
    def certificate_data(
        self, volunteer_id: uuid.UUID, start: date | str, end: date | str
    ) -> ServiceCertificate:
        """The content of a 志愿服务记录证明 for the service dates in [start, end]: data only, no layout."""
        first = parse_date(start, field="start")
        last = parse_date(end, field="end")
        records = self.records(volunteer_id, first, last)
        with self.store.session() as session:
            volunteer = self._get(session, Volunteer, volunteer_id)
            township = self._get(session, Township, volunteer.township_id, include_deleted=True)
            community = (
                session.get(Community, volunteer.community_id) if volunteer.community_id is not None else None
            )
        return ServiceCertificate(
            volunteer_no=volunteer.volunteer_no,
            name=volunteer.name,
            gender=volunteer.gender.label if volunteer.gender is not None else "",
            id_type=volunteer.id_type,
            id_number_masked=_masked_id(volunteer),
            registered_on=volunteer.registered_on,
            organisation=township.name,
            community=community.name if community is not None else "",
            period_start=first,
            period_end=last,
            total_hours=sum((r.hours for r in records), Decimal("0.00")),
            records=tuple(
                CertificateLine(
                    service_date=r.service_date,
                    activity_name=r.activity_name,
                    place=r.place,
                    content=r.content,
                    hours=r.hours,
                    organiser=r.organiser,
                    responsible_person=r.responsible_person,
                )
                for r in records
            ),
            issued_on=today(),
        )

    # -- internals -----------------------------------------------------------------------------------
    def _clean(
        self,
        session: Session,
        township_id: uuid.UUID,
        values: dict[str, Any],
        explicit: Iterable[str],
        *,
        exclude: uuid.UUID | None,
    ) -> dict[str, Any]:
        id_type = self._require_text(values["id_type"], "id_type", "证件类型", max_len=20)
        number = self._require_text(values["id_number"], "id_number", "证件号码", max_len=30)
        if id_type == RESIDENT_ID_CARD:
            identity = resolve_identity(number, values["gender"], values["birth_date"], explicit)
            assert identity.id_number is not None
            number = identity.id_number
        else:
            identity = resolve_identity(None, values["gender"], values["birth_date"], explicit)
            number = "".join(number.split())
            if len(number) > 18:
                raise ValidationError("id_number", "证件号码不能超过 18 位")
        self._check_unique(session, township_id, number, exclude)
        community_id = values["community_id"]
        if values["resident_id"] is not None:
            resident = load_live(session, Resident, values["resident_id"], "resident_id", "居民")
            if resident.township_id != township_id:
                raise ValidationError("resident_id", f"居民“{resident.name}”不属于本乡镇（街道）")
            community_id = community_id or resident.community_id
        if community_id is not None:
            load_community(session, township_id, community_id)
        return {
            "name": validate_name(values["name"], field="name"),
            "id_type": id_type,
            "id_number": number,
            "gender": identity.gender,
            "birth_date": identity.birth_date,
            "phone": optional_phone(values["phone"], "phone"),
            "region": optional_text(values["region"], "region", "居住区域", 100),
            "skills": optional_text(values["skills"], "skills", "专业技能", 200),
            "service_categories": self._categories(session, values["service_categories"]),
            "community_id": community_id,
            "resident_id": values["resident_id"],
            "status": coerce_enum(VolunteerStatus, values["status"], "status", "状态"),
            "note": (values["note"] or "").strip(),
        }

    @staticmethod
    def _check_unique(
        session: Session, township_id: uuid.UUID, id_number: str, exclude: uuid.UUID | None
    ) -> None:
        other = find_live(
            session,
            Volunteer,
            Volunteer.township_id == township_id,
            Volunteer.id_number == id_number,
            exclude_id=exclude,
        )
        if other is not None:
            raise ConflictError(f"该证件号码已登记为志愿者：{other.name}（编号 {other.volunteer_no}）")

    @staticmethod
    def _categories(session: Session, value: Iterable[str] | str) -> str:
        """Service categories (服务类别) as sorted, comma-separated demand-category codes; codes or names."""
        if isinstance(value, str):
            items = value.replace("，", ",").replace("、", ",").split(",")
        else:
            items = list(value)
        wanted = [normalize_text(i) for i in items if normalize_text(i)]
        if not wanted:
            return ""
        known: dict[str, str] = {}
        for category in session.scalars(select(DemandCategory).where(DemandCategory.deleted_at.is_(None))):
            known[category.code] = category.code
            known[category.name] = category.code
        codes: set[str] = set()
        for text in wanted:
            if text not in known:
                raise ValidationError("service_categories", f"服务类别“{text}”不在需求分类目录中")
            codes.add(known[text])
        result = ",".join(sorted(codes))
        if len(result) > 200:
            raise ValidationError("service_categories", "服务类别过多")
        return result

    @staticmethod
    def _new_number(session: Session) -> str:
        while True:  # a clash is one in a billion; check anyway
            number = make_code("ZY")
            if session.scalar(select(Volunteer.id).where(Volunteer.volunteer_no == number)) is None:
                return number

    @staticmethod
    def _check_day_total(
        session: Session, volunteer: Volunteer, day: date, hours: Decimal, *, exclude: uuid.UUID | None
    ) -> None:
        stmt = select(VolunteerServiceRecord.hours).where(
            VolunteerServiceRecord.volunteer_id == volunteer.id,
            VolunteerServiceRecord.service_date == day,
            VolunteerServiceRecord.deleted_at.is_(None),
        )
        if exclude is not None:
            stmt = stmt.where(VolunteerServiceRecord.id != exclude)
        already = sum(session.scalars(stmt), Decimal(0))
        if already + hours > MAX_HOURS_A_DAY:
            raise ValidationError(
                "hours",
                f"{volunteer.name}在 {day.isoformat()} 已登记 {already} 小时，再加 {hours} 小时超过 24 小时",
            )

    def _earn(self, session: Session, record: VolunteerServiceRecord) -> PointsEntry | None:
        rule = session.scalars(
            select(PointsRule).where(
                PointsRule.code == SERVICE_POINTS_RULE,
                PointsRule.active.is_(True),
                PointsRule.deleted_at.is_(None),
            )
        ).first()
        if rule is None:
            return None
        points = (record.hours * rule.points_per_hour + rule.fixed_points).quantize(_CENT)
        if points <= 0:
            return None
        note = f"{record.activity_name}：{record.hours} 小时 × {rule.points_per_hour} 分/小时"
        return self._entry(session, record, PointsKind.EARN, points, rule.id, note)

    @staticmethod
    def _entry(
        session: Session,
        record: VolunteerServiceRecord,
        kind: PointsKind,
        points: Decimal,
        rule_id: uuid.UUID | None,
        note: str,
    ) -> PointsEntry:
        entry = PointsEntry(
            township_id=record.township_id,
            volunteer_id=record.volunteer_id,
            entry_date=record.recorded_on if kind == PointsKind.EARN else today(),
            kind=kind,
            points=points,
            rule_id=rule_id,
            record_id=record.id,
            note=note,
        )
        session.add(entry)
        return entry

    @staticmethod
    def _linked_entries(session: Session, record_id: uuid.UUID) -> list[PointsEntry]:
        stmt = (
            select(PointsEntry)
            .where(PointsEntry.record_id == record_id, PointsEntry.deleted_at.is_(None))
            .order_by(PointsEntry.created_at)
        )
        return list(session.scalars(stmt))

    @staticmethod
    def _balance(session: Session, volunteer_id: uuid.UUID) -> Decimal:
        stmt = select(PointsEntry.points).where(
            PointsEntry.volunteer_id == volunteer_id, PointsEntry.deleted_at.is_(None)
        )
        return sum(session.scalars(stmt), Decimal("0.00"))


_VOLUNTEER_DEFAULTS: dict[str, Any] = {
    "name": None,
    "id_type": RESIDENT_ID_CARD,
    "id_number": None,
    "gender": None,
    "birth_date": None,
    "phone": "",
    "region": "",
    "skills": "",
    "service_categories": (),
    "community_id": None,
    "resident_id": None,
    "status": VolunteerStatus.ACTIVE,
    "note": "",
    "registered_on": None,
}


def _category_names(session: Session) -> dict[str, str]:
    """Live demand categories: code → code and name → code."""
    known: dict[str, str] = {}
    for category in session.scalars(select(DemandCategory).where(DemandCategory.deleted_at.is_(None))):
        known[category.code] = category.code
        known[category.name] = category.code
    return known


@dataclass(frozen=True)
class _VolunteerBatch:
    """What :meth:`VolunteerService._clean` reads from the database, loaded once for a batch."""

    communities: Mapping[uuid.UUID, Community]
    residents: Mapping[str, tuple[uuid.UUID, uuid.UUID]]  # ID number → (resident, community)
    categories: Mapping[str, str]

    def clean(self, values: Mapping[str, Any], explicit: Iterable[str], *, new: bool) -> dict[str, Any]:
        id_type = Service._require_text(values["id_type"], "id_type", "证件类型", max_len=20)
        number = Service._require_text(values["id_number"], "id_number", "证件号码", max_len=30)
        if id_type == RESIDENT_ID_CARD:
            identity = resolve_identity(number, values["gender"], values["birth_date"], explicit)
            assert identity.id_number is not None
            number = identity.id_number
        else:
            identity = resolve_identity(None, values["gender"], values["birth_date"], explicit)
            number = "".join(number.split())
            if len(number) > 18:
                raise ValidationError("id_number", "证件号码不能超过 18 位")
        resident_id = values["resident_id"]
        community_id = values["community_id"]
        if resident_id is None and number in self.residents:
            resident_id, resident_community = self.residents[number]
            community_id = community_id or resident_community
        if community_id is not None:
            community_of(self.communities, community_id)
        cleaned = {
            "name": validate_name(values["name"], field="name"),
            "id_type": id_type,
            "id_number": number,
            "gender": identity.gender,
            "birth_date": identity.birth_date,
            "phone": optional_phone(values["phone"], "phone"),
            "region": optional_text(values["region"], "region", "居住区域", 100),
            "skills": optional_text(values["skills"], "skills", "专业技能", 200),
            "service_categories": self._categories(values["service_categories"]),
            "community_id": community_id,
            "resident_id": resident_id,
            "status": coerce_enum(VolunteerStatus, values["status"], "status", "状态"),
            "note": (values["note"] or "").strip(),
        }
        if new:
            registered = values["registered_on"] or today()
            cleaned["registered_on"] = past_day(registered, "registered_on", "登记日期")
        return cleaned

    def _categories(self, value: Iterable[str] | str) -> str:
        if isinstance(value, str):
            items = value.replace("，", ",").replace("、", ",").split(",")
        else:
            items = list(value)
        codes: set[str] = set()
        for text in (normalize_text(i) for i in items):
            if not text:
                continue
            if text not in self.categories:
                raise ValidationError("service_categories", f"服务类别“{text}”不在需求分类目录中")
            codes.add(self.categories[text])
        result = ",".join(sorted(codes))
        if len(result) > 200:
            raise ValidationError("service_categories", "服务类别过多")
        return result
