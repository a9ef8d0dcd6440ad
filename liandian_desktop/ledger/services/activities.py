"""Activities and visits with their paper sign-in sheet (签到表), and residents' evaluations (满意度测评).

The sheet is printed with one short row code per invitee ('001', '002', …); what comes back on paper is
keyed in by row code, so the coordinator types a number and a tick, never a name.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.errors import ConflictError, LedgerError, NotFoundError, ValidationError
from liandian_desktop.ledger.models import (
    Activity,
    ActivityKind,
    Attendance,
    AttendanceStatus,
    Evaluation,
    EvaluationSource,
    OrderStatus,
    PairedUnit,
    Resident,
    Resolution,
    Satisfaction,
    StandardService,
    Township,
    WorkOrder,
    utcnow,
)
from liandian_desktop.ledger.services.base import (
    ListQuery,
    Page,
    Service,
    apply_list_query,
    make_code,
    search_in,
)
from liandian_desktop.ledger.services.fields import (
    BatchProgress,
    BatchRow,
    BatchSaved,
    apply_changed,
    aware,
    batch_diff,
    batch_refuse,
    coerce_enum,
    edit_values,
    load_by_ids,
    load_community,
    load_live,
    optional_phone,
    optional_text,
    past_instant,
    write_batch,
)
from liandian_desktop.ledger.validation import (
    normalize_text,
    parse_hours,
    validate_name,
)

# ---------------------------------------------------------------------------------------------------------
# Activities and the sign-in sheet
# ---------------------------------------------------------------------------------------------------------

ROW_CODE_WIDTH = 3
_ACTIVITY_EDITABLE = (
    "community_id",
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "place",
    "service_id",
    "unit_id",
    "organiser",
    "responsible",
    "description",
)


@dataclass(frozen=True)
class AttendanceCounts:
    """Head counts of one sheet. ``invited`` counts every invitee whatever their mark; walk-ins are apart."""

    invited: int
    present: int  # invitees marked present
    absent: int  # invitees marked absent
    unmarked: int  # invitees not keyed in yet
    walk_ins: int

    @property
    def attended(self) -> int:
        """Everyone who came: invitees present plus walk-ins."""
        return self.present + self.walk_ins


@dataclass(frozen=True)
class SheetEntry:
    """One line of a sign-in batch (an imported invitation list or attendance record).

    ``present`` None: put ``resident_id`` on the sheet (an invitation). Otherwise mark the sheet's row,
    found by ``row_code``, else by ``resident_id``, else by ``name``; someone present who is not on the
    sheet becomes a walk-in.
    """

    activity_id: uuid.UUID
    resident_id: uuid.UUID | None = None
    name: str = ""
    phone: str = ""
    row_code: str = ""
    present: bool | None = None
    signed_at: datetime | None = None
    hours: object = None
    note: str | None = None


def _row_sort_key(row: Attendance) -> tuple[int, int, str]:
    code = row.row_code
    return (0, int(code), code) if code.isdigit() else (1, 0, code)


def _normalize_row_code(value: object) -> str:
    """What was read off the paper: '7', '07' and '007' all mean row 007."""
    code = normalize_text(str(value)).upper()
    if code.isdigit() and len(code) < ROW_CODE_WIDTH:
        code = code.zfill(ROW_CODE_WIDTH)
    return code


class ActivityService(Service):
    model = Activity

    # -- the activity --------------------------------------------------------------------------------
    def create(
        self,
        township_id: uuid.UUID,
        community_id: uuid.UUID | None,
        kind: ActivityKind | str,
        title: str,
        starts_at: datetime,
        ends_at: datetime | None = None,
        *,
        place: str = "",
        service_id: uuid.UUID | None = None,
        unit_id: uuid.UUID | None = None,
        organiser: str = "",
        responsible: str = "",
        description: str = "",
    ) -> Activity:
        """A service activity, visit or meeting; ``community_id`` None means township-wide. The code printed
        on the sheet ('HD' + 6 random characters) is generated."""
        values = self._clean(
            {
                "community_id": community_id,
                "kind": kind,
                "title": title,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "place": place,
                "service_id": service_id,
                "unit_id": unit_id,
                "organiser": organiser,
                "responsible": responsible,
                "description": description,
            }
        )
        with self.store.transaction() as session:
            township = load_live(session, Township, township_id, "township_id", "乡镇/街道")
            self._check_references(session, township.id, values)
            activity = Activity(township_id=township.id, code=self._new_code(session), **values)
            session.add(activity)
            return activity

    def edit(self, activity_id: uuid.UUID, **changes: Any) -> Activity:
        """Change the activity's details; the same rules as :meth:`create` apply to the result."""
        with self.store.transaction() as session:
            activity = self._get(session, Activity, activity_id)
            values = self._clean(edit_values(activity, changes, _ACTIVITY_EDITABLE))
            self._check_references(session, activity.township_id, values)
            if values["kind"] != ActivityKind.VOLUNTEER and self._has_hours(session, activity.id):
                raise ValidationError("kind", "签到表已登记服务时长，活动类型必须保持为“志愿服务”")
            apply_changed(activity, values)
            return activity

    # -- the sign-in sheet ---------------------------------------------------------------------------
    def invite(self, activity_id: uuid.UUID, resident_ids: Iterable[uuid.UUID]) -> list[Attendance]:
        """Put residents on the sheet, in the order given, with the next row codes ('001', '002', …) and a
        snapshot of their name as it will be printed. A resident already on the sheet is left as is.
        Returns the rows added by this call."""
        with self.store.transaction() as session:
            activity = self._get(session, Activity, activity_id)
            rows = self._rows(session, activity.id, include_deleted=True)
            on_sheet = {r.resident_id for r in rows if r.resident_id is not None and r.deleted_at is None}
            next_no = self._next_row_number(rows)
            added: list[Attendance] = []
            for resident_id in resident_ids:
                if resident_id in on_sheet:
                    continue
                resident = load_live(session, Resident, resident_id, "resident_ids", "居民")
                if resident.township_id != activity.township_id:
                    raise ValidationError("resident_ids", f"居民“{resident.name}”不属于本乡镇（街道）")
                row = Attendance(
                    township_id=activity.township_id,
                    activity_id=activity.id,
                    resident_id=resident.id,
                    name=resident.name,
                    row_code=f"{next_no:0{ROW_CODE_WIDTH}d}",
                    status=AttendanceStatus.INVITED,
                )
                session.add(row)
                added.append(row)
                on_sheet.add(resident.id)
                next_no += 1
            return added

    def add_walk_in(
        self,
        activity_id: uuid.UUID,
        name: str,
        phone: str = "",
        *,
        signed_at: datetime | None = None,
    ) -> Attendance:
        """Someone who came without an invitation and wrote their name on the sheet; the row code continues
        the sheet's sequence."""
        name = validate_name(name, field="name")
        phone = optional_phone(phone, "phone")
        when = aware(signed_at, "signed_at", "签到时间") if signed_at is not None else None
        with self.store.transaction() as session:
            activity = self._get(session, Activity, activity_id)
            rows = self._rows(session, activity.id, include_deleted=True)
            row = Attendance(
                township_id=activity.township_id,
                activity_id=activity.id,
                name=name,
                phone=phone,
                row_code=f"{self._next_row_number(rows):0{ROW_CODE_WIDTH}d}",
                status=AttendanceStatus.WALK_IN,
                signed_at=when,
            )
            session.add(row)
            return row

    def mark(
        self,
        activity_id: uuid.UUID,
        row_code: str,
        present: bool,
        signed_at: datetime | None = None,
        hours: object = None,
        note: str | None = None,
    ) -> Attendance:
        """Key one row back from the paper sheet. Marking again overwrites the earlier mark (a correction).

        Hours of service may only be given for a volunteer activity (志愿服务), and only for someone present.
        A walk-in stays a walk-in (they came); a wrongly keyed walk-in row is removed with
        :meth:`remove_row`, not marked absent.
        """
        when = aware(signed_at, "signed_at", "签到时间") if signed_at is not None else None
        with self.store.transaction() as session:
            activity = self._get(session, Activity, activity_id)
            row = self._row(session, activity.id, row_code)
            parsed_hours: Decimal | None = None
            if hours is not None:
                if activity.kind != ActivityKind.VOLUNTEER:
                    raise ValidationError(
                        "hours",
                        f"只有“{ActivityKind.VOLUNTEER.label}”活动才登记服务时长，本活动为“{activity.kind.label}”",
                    )
                if not present:
                    raise ValidationError("hours", "缺席人员不能登记服务时长")
                parsed_hours = parse_hours(hours, field="hours")
            if present:
                if row.status != AttendanceStatus.WALK_IN:
                    row.status = AttendanceStatus.PRESENT
            else:
                if row.status == AttendanceStatus.WALK_IN:
                    raise ValidationError(
                        "present", f"第 {row.row_code} 行是现场加入人员，不能标记为缺席；如为误录请删除该行"
                    )
                if when is not None:
                    raise ValidationError("signed_at", "缺席人员不能有签到时间")
                row.status = AttendanceStatus.ABSENT
            row.signed_at = when
            row.hours = parsed_hours
            if note is not None:
                row.note = note.strip()
            return row

    def remove_row(self, activity_id: uuid.UUID, row_code: str) -> None:
        """Soft-delete one row (a walk-in keyed by mistake, an invitee struck off). Its code is not reused:
        a printed sheet may carry it."""
        with self.store.transaction() as session:
            row = self._row(session, activity_id, row_code)
            row.deleted_at = utcnow()

    def sheet(self, activity_id: uuid.UUID) -> list[Attendance]:
        """The rows of the sign-in sheet in row-code order ('001', '002', …, '999', '1000')."""
        with self.store.session() as session:
            activity = self._get(session, Activity, activity_id)
            return sorted(self._rows(session, activity.id), key=_row_sort_key)

    def attendance_counts(self, activity_id: uuid.UUID) -> AttendanceCounts:
        rows = self.sheet(activity_id)
        statuses = [r.status for r in rows]
        walk_ins = statuses.count(AttendanceStatus.WALK_IN)
        return AttendanceCounts(
            invited=len(statuses) - walk_ins,
            present=statuses.count(AttendanceStatus.PRESENT),
            absent=statuses.count(AttendanceStatus.ABSENT),
            unmarked=statuses.count(AttendanceStatus.INVITED),
            walk_ins=walk_ins,
        )

    # -- batches (imports) ---------------------------------------------------------------------------
    def check_sheet_batch(self, entries: Sequence[SheetEntry], *, update_existing: bool) -> list[BatchRow]:
        """Check many sign-in lines at once and write nothing (a few queries), under the rules of
        :meth:`invite`, :meth:`add_walk_in` and :meth:`mark`.

        An invitation of someone already on the sheet is skipped. A line for a row already marked matches
        it: re-marked (``update_existing``) or skipped. Someone absent who is not on the sheet is skipped
        (nothing to record). A later line for the same person on the same sheet as an earlier one is
        refused.
        """
        with self.store.session() as session:
            activities = load_by_ids(session, Activity, {e.activity_id for e in entries})
            sheet_rows = (
                list(
                    session.scalars(
                        select(Attendance).where(
                            Attendance.activity_id.in_(list(activities)), Attendance.deleted_at.is_(None)
                        )
                    )
                )
                if activities
                else []
            )
            residents = load_by_ids(session, Resident, {e.resident_id for e in entries if e.resident_id})
        by_code = {(r.activity_id, r.row_code): r for r in sheet_rows}
        by_resident = {(r.activity_id, r.resident_id): r for r in sheet_rows if r.resident_id is not None}
        names: dict[tuple[uuid.UUID, str], list[Attendance]] = defaultdict(list)
        for r in sheet_rows:
            names[(r.activity_id, r.name)].append(r)
        results: list[BatchRow] = []
        seen: dict[tuple[object, ...], int] = {}
        for index, entry in enumerate(entries):
            try:
                activity = activities.get(entry.activity_id)
                if activity is None:
                    raise ValidationError("activity_id", "活动不存在或已删除")
                resident = residents.get(entry.resident_id) if entry.resident_id else None
                if entry.resident_id is not None and resident is None:
                    raise ValidationError("resident_id", "所选居民不存在或已删除")
                if resident is not None and resident.township_id != activity.township_id:
                    raise ValidationError("resident_id", f"居民“{resident.name}”不属于本乡镇（街道）")
                row = self._batch_row(entry, resident, by_code, by_resident, names)
                key: tuple[object, ...] = (
                    (activity.id, "row", row.id)
                    if row is not None
                    else (activity.id, "resident", resident.id)
                    if resident is not None
                    else (activity.id, "name", validate_name(entry.name, "name"))
                )
                if key in seen:
                    results.append(
                        BatchRow(
                            "refuse",
                            error=ValidationError("name", "与前面一行是签到表上的同一人，是重复记录"),
                            duplicate_of=seen[key],
                        )
                    )
                    continue
                seen[key] = index
                results.append(self._batch_outcome(activity, entry, resident, row, update_existing))
            except LedgerError as exc:
                results.append(batch_refuse(exc))
        return results

    @staticmethod
    def _batch_row(
        entry: SheetEntry,
        resident: Resident | None,
        by_code: dict[tuple[uuid.UUID, str], Attendance],
        by_resident: dict[tuple[uuid.UUID, uuid.UUID], Attendance],
        names: dict[tuple[uuid.UUID, str], list[Attendance]],
    ) -> Attendance | None:
        """The sheet's row this line is about, if it is on the sheet."""
        if entry.row_code:
            code = _normalize_row_code(entry.row_code)
            row = by_code.get((entry.activity_id, code))
            if row is None:
                raise ValidationError("row_code", f"签到表中没有行号“{code}”，请核对纸质签到表")
            return row
        if resident is not None:
            return by_resident.get((entry.activity_id, resident.id))
        if entry.present is not None and entry.name:
            same = names.get((entry.activity_id, validate_name(entry.name, "name")), [])
            if len(same) > 1:
                raise ValidationError(
                    "name", f"签到表上有 {len(same)} 人名为“{same[0].name}”，请填写行号或身份证号"
                )
            return same[0] if same else None
        return None

    @staticmethod
    def _batch_outcome(
        activity: Activity,
        entry: SheetEntry,
        resident: Resident | None,
        row: Attendance | None,
        update_existing: bool,
    ) -> BatchRow:
        if entry.present is None:  # an invitation
            if resident is None:
                raise ValidationError("resident_id", "邀请名单中的人必须是台账中的居民")
            if row is not None:
                return BatchRow("skip", record_id=row.id, matched=f"{row.name}（签到表第 {row.row_code} 行）")
            values = {
                "township_id": activity.township_id,
                "activity_id": activity.id,
                "resident_id": resident.id,
                "name": resident.name,
                "status": AttendanceStatus.INVITED,
            }
            return BatchRow("add", values=values)
        when = aware(entry.signed_at, "signed_at", "签到时间") if entry.signed_at is not None else None
        hours: Decimal | None = None
        if entry.hours is not None:
            if activity.kind != ActivityKind.VOLUNTEER:
                raise ValidationError(
                    "hours",
                    f"只有“{ActivityKind.VOLUNTEER.label}”活动才登记服务时长，本活动为“{activity.kind.label}”",
                )
            if not entry.present:
                raise ValidationError("hours", "缺席人员不能登记服务时长")
            hours = parse_hours(entry.hours, field="hours")
        if not entry.present and when is not None:
            raise ValidationError("signed_at", "缺席人员不能有签到时间")
        note = entry.note.strip() if entry.note is not None else None
        if row is None:
            if not entry.present:
                return BatchRow(
                    "skip", error=ValidationError("present", "此人不在签到表上，且未到场，无需登记")
                )
            values = {
                "township_id": activity.township_id,
                "activity_id": activity.id,
                "resident_id": resident.id if resident else None,
                "name": resident.name if resident else validate_name(entry.name, "name"),
                "phone": optional_phone(entry.phone, "phone")
                if entry.phone
                else (resident.phone if resident else ""),
                "status": AttendanceStatus.WALK_IN,
                "signed_at": when,
                "hours": hours,
                "note": note or "",
            }
            return BatchRow("add", values=values)
        if row.status == AttendanceStatus.WALK_IN and not entry.present:
            raise ValidationError(
                "present", f"第 {row.row_code} 行是现场加入人员，不能标记为缺席；如为误录请删除该行"
            )
        status = (
            row.status
            if row.status == AttendanceStatus.WALK_IN
            else (AttendanceStatus.PRESENT if entry.present else AttendanceStatus.ABSENT)
        )
        mark: dict[str, object] = {"status": status, "signed_at": when, "hours": hours}
        if note is not None:
            mark["note"] = note
        matched = f"{row.name}（签到表第 {row.row_code} 行）"
        if row.status != AttendanceStatus.INVITED and not update_existing:
            return BatchRow("skip", record_id=row.id, matched=matched)
        changes, before = batch_diff(row, mark)
        if not changes:
            return BatchRow("same", record_id=row.id, matched=matched)
        return BatchRow("update", values=changes, record_id=row.id, before=before, matched=matched)

    def save_sheet_batch(self, rows: Sequence[BatchRow], progress: BatchProgress | None = None) -> BatchSaved:
        """Write the ``add`` and ``update`` rows of :meth:`check_sheet_batch` in one transaction: all or
        nothing. New rows take the next row codes of their sheet; an invitee put on the sheet since the
        check refuses the whole batch (ConflictError)."""
        with self.store.transaction() as session:
            adds = [r for r in rows if r.action == "add"]
            activity_ids = {r.values["activity_id"] for r in adds}
            existing = (
                list(
                    session.scalars(select(Attendance).where(Attendance.activity_id.in_(list(activity_ids))))
                )
                if activity_ids
                else []
            )
            next_no: dict[uuid.UUID, int] = {}
            on_sheet: set[tuple[uuid.UUID, uuid.UUID]] = set()
            for activity_id in activity_ids:
                same = [r for r in existing if r.activity_id == activity_id]
                next_no[activity_id] = self._next_row_number(same)
                on_sheet.update(
                    (activity_id, r.resident_id) for r in same if r.resident_id and r.deleted_at is None
                )
            coded: list[BatchRow] = []
            for row in rows:
                if row.action == "add":
                    activity_id = row.values["activity_id"]
                    resident_id = row.values.get("resident_id")
                    if resident_id is not None and (activity_id, resident_id) in on_sheet:
                        raise ConflictError(
                            f"预览之后签到表已有变化：“{row.values['name']}”已在签到表上，请重新预览后再导入"
                        )
                    if resident_id is not None:
                        on_sheet.add((activity_id, resident_id))
                    code = f"{next_no[activity_id]:0{ROW_CODE_WIDTH}d}"
                    next_no[activity_id] += 1
                    row = BatchRow("add", values={**row.values, "row_code": code})
                coded.append(row)
            return write_batch(session, Attendance, self.store.device_id, coded, {}, progress)

    # -- internals -----------------------------------------------------------------------------------
    @staticmethod
    def _clean(values: dict[str, Any]) -> dict[str, Any]:
        starts_at = aware(values["starts_at"], "starts_at", "开始时间")
        ends_at = values["ends_at"]
        if ends_at is not None:
            ends_at = aware(ends_at, "ends_at", "结束时间")
            if ends_at <= starts_at:
                raise ValidationError("ends_at", "结束时间必须晚于开始时间")
        return {
            "community_id": values["community_id"],
            "kind": coerce_enum(ActivityKind, values["kind"], "kind", "活动类型"),
            "title": Service._require_text(values["title"], "title", "活动名称", max_len=100),
            "starts_at": starts_at,
            "ends_at": ends_at,
            "place": optional_text(values["place"], "place", "活动地点", 100),
            "service_id": values["service_id"],
            "unit_id": values["unit_id"],
            "organiser": optional_text(values["organiser"], "organiser", "组织单位", 100),
            "responsible": optional_text(values["responsible"], "responsible", "负责人", 50),
            "description": (values["description"] or "").strip(),
        }

    @staticmethod
    def _check_references(session: Session, township_id: uuid.UUID, values: dict[str, Any]) -> None:
        if values["community_id"] is not None:
            load_community(session, township_id, values["community_id"])
        if values["service_id"] is not None:
            load_live(session, StandardService, values["service_id"], "service_id", "基本服务项目")
        if values["unit_id"] is not None:
            load_live(session, PairedUnit, values["unit_id"], "unit_id", "联点单位")

    @staticmethod
    def _new_code(session: Session) -> str:
        while True:  # a clash is one in a billion; check anyway
            code = make_code("HD")
            if session.scalar(select(Activity.id).where(Activity.code == code)) is None:
                return code

    @staticmethod
    def _rows(session: Session, activity_id: uuid.UUID, *, include_deleted: bool = False) -> list[Attendance]:
        stmt = select(Attendance).where(Attendance.activity_id == activity_id)
        if not include_deleted:
            stmt = stmt.where(Attendance.deleted_at.is_(None))
        return list(session.scalars(stmt))

    @staticmethod
    def _next_row_number(rows: list[Attendance]) -> int:
        """One past the highest code ever used on the sheet (deleted rows too: their codes were printed)."""
        numbers = [int(r.row_code) for r in rows if r.row_code.isdigit()]
        return max(numbers, default=0) + 1

    def _row(self, session: Session, activity_id: uuid.UUID, row_code: object) -> Attendance:
        code = _normalize_row_code(row_code)
        row = session.scalar(
            select(Attendance).where(
                Attendance.activity_id == activity_id,
                Attendance.row_code == code,
                Attendance.deleted_at.is_(None),
            )
        )
        if row is None:
            raise NotFoundError(f"签到表中没有行号“{code}”，请核对纸质签到表")
        return row

    @staticmethod
    def _has_hours(session: Session, activity_id: uuid.UUID) -> bool:
        stmt = select(Attendance.id).where(
            Attendance.activity_id == activity_id,
            Attendance.deleted_at.is_(None),
            Attendance.hours.is_not(None),
        )
        return session.scalar(stmt.limit(1)) is not None


# ---------------------------------------------------------------------------------------------------------
# Evaluations
# ---------------------------------------------------------------------------------------------------------


# Orders in these states leave the denominators of the rates; their evaluations are counted apart.
EXCLUDED_ORDER_STATUSES = frozenset({OrderStatus.WITHDRAWN, OrderStatus.INVALID})


@dataclass(frozen=True)
class EvaluationLine:
    """An evaluation with what it rates: the order's or the activity's code and title, and the order's
    status now (None for an activity)."""

    evaluation: Evaluation
    subject_code: str
    subject_title: str
    order_status: OrderStatus | None

    @property
    def id(self) -> uuid.UUID:
        return self.evaluation.id

    @property
    def excluded(self) -> bool:
        """Its order was withdrawn or marked invalid: not in the rates' denominators."""
        return self.order_status in EXCLUDED_ORDER_STATUSES


@dataclass(frozen=True)
class SatisfactionTally:
    """满意率 of a list of evaluations: satisfied (非常满意 + 满意 + 基本满意) ÷ valid, where valid leaves
    out the evaluations of withdrawn or invalid orders (counted in ``excluded``)."""

    valid: int
    satisfied: int
    excluded: int

    @property
    def rate(self) -> Decimal | None:
        if not self.valid:
            return None
        return (Decimal(self.satisfied) / Decimal(self.valid)).quantize(Decimal("0.0001"))


class EvaluationService(Service):
    """满意度测评 keyed from paper forms, phone calls or a third party. Storing an evaluation does not move a
    work order along its loop: that is :class:`WorkOrderService`'s job."""

    model = Evaluation

    def record(
        self,
        *,
        satisfaction: Satisfaction | str | None,
        evaluated_at: datetime,
        work_order_id: uuid.UUID | None = None,
        activity_id: uuid.UUID | None = None,
        resolution: Resolution | str | None = None,
        resident_id: uuid.UUID | None = None,
        comment: str = "",
        source: EvaluationSource | str = EvaluationSource.PAPER,
        form_version: str = "",
    ) -> Evaluation:
        """One resident's rating of exactly one work order or one activity.

        Satisfaction is always required; whether the problem was solved (已解决/部分解决/未解决) is required
        for a work order and optional for an activity. ``form_version`` records which printed form was used.
        """
        if (work_order_id is None) == (activity_id is None):
            raise ValidationError("work_order_id", "测评必须针对一张工单或一项活动（二者选一）")
        if satisfaction is None or (isinstance(satisfaction, str) and not normalize_text(satisfaction)):
            choices = "、".join(m.label for m in Satisfaction)
            raise ValidationError("satisfaction", f"请选择满意度（{choices}）")
        level = coerce_enum(Satisfaction, satisfaction, "satisfaction", "满意度")
        solved: Resolution | None = None
        if resolution is not None and normalize_text(str(resolution)):
            solved = coerce_enum(Resolution, resolution, "resolution", "解决情况")
        if work_order_id is not None and solved is None:
            raise ValidationError("resolution", "工单测评必须填写解决情况（已解决、部分解决、未解决）")
        when = past_instant(evaluated_at, "evaluated_at", "测评时间")
        channel = coerce_enum(EvaluationSource, source, "source", "测评方式")
        version = optional_text(form_version, "form_version", "测评表版本", 20)
        with self.store.transaction() as session:
            township_id: uuid.UUID
            community_id: uuid.UUID | None
            if work_order_id is not None:
                order = self._get(session, WorkOrder, work_order_id)
                if when < order.ordered_at:
                    raise ValidationError("evaluated_at", "测评时间早于工单的点单时间")
                township_id, community_id = order.township_id, order.community_id
                resident_id = resident_id or order.resident_id
            else:
                assert activity_id is not None
                activity = self._get(session, Activity, activity_id)
                if when < activity.starts_at:
                    raise ValidationError("evaluated_at", "测评时间早于活动开始时间")
                township_id, community_id = activity.township_id, activity.community_id
            if resident_id is not None:
                resident = load_live(session, Resident, resident_id, "resident_id", "居民")
                if resident.township_id != township_id:
                    raise ValidationError("resident_id", f"居民“{resident.name}”不属于本乡镇（街道）")
            evaluation = Evaluation(
                township_id=township_id,
                community_id=community_id,
                work_order_id=work_order_id,
                activity_id=activity_id,
                resident_id=resident_id,
                satisfaction=level,
                resolution=solved,
                comment=comment.strip(),
                source=channel,
                form_version=version,
                evaluated_at=when,
            )
            session.add(evaluation)
            return evaluation

    # -- the list of evaluations ---------------------------------------------------------------------
    @staticmethod
    def _scope(
        start: datetime | None, end: datetime | None, subject: str | None
    ) -> list[ColumnElement[bool]]:
        where: list[ColumnElement[bool]] = []
        if start is not None:
            where.append(Evaluation.evaluated_at >= aware(start, "start", "开始时间"))
        if end is not None:
            where.append(Evaluation.evaluated_at < aware(end, "end", "结束时间"))
        if subject == "order":
            where.append(Evaluation.work_order_id.is_not(None))
        elif subject == "activity":
            where.append(Evaluation.activity_id.is_not(None))
        elif subject is not None:
            raise ValidationError("subject", f"测评对象应为工单或活动，收到“{subject}”")
        return where

    @staticmethod
    def _search_columns() -> list[Any]:
        """The comment, and the code and title of the order or activity rated."""

        def of_order(column: Any) -> Any:
            return (
                select(column)
                .where(WorkOrder.id == Evaluation.work_order_id)
                .correlate(Evaluation)  # not the work order :meth:`tally` joins
                .scalar_subquery()
            )

        def of_activity(column: Any) -> Any:
            return select(column).where(Activity.id == Evaluation.activity_id).scalar_subquery()

        return [
            Evaluation.comment,
            of_order(WorkOrder.code),
            of_order(WorkOrder.title),
            of_activity(Activity.code),
            of_activity(Activity.title),
        ]

    def browse(
        self,
        query: ListQuery,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        subject: str | None = None,
    ) -> Page[Any]:
        """A page of evaluations: ``query``'s filters and sort, evaluated in [start, end), of orders or of
        activities only (``subject`` 'order' / 'activity'); the search text is looked for in the comment
        and in the code and title of what was rated."""
        return self.list_where(query, *self._scope(start, end, subject), search=self._search_columns())

    def tally(
        self,
        query: ListQuery,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        subject: str | None = None,
    ) -> SatisfactionTally:
        """满意率 of exactly the evaluations :meth:`browse` lists for the same arguments (every page)."""
        counts = select(Evaluation.satisfaction, WorkOrder.status, func.count()).outerjoin(
            WorkOrder, WorkOrder.id == Evaluation.work_order_id
        )
        stmt = cast("Select[Any]", counts)  # apply_list_query takes any select over the model
        plain = ListQuery(filters=query.filters, include_deleted=query.include_deleted)
        stmt = apply_list_query(stmt, Evaluation, plain).where(*self._scope(start, end, subject))
        search = search_in(self._search_columns(), query.search)
        if search is not None:
            stmt = stmt.where(search)
        valid = satisfied = excluded = 0
        with self.store.session() as session:
            rows = session.execute(stmt.group_by(Evaluation.satisfaction, WorkOrder.status))
            for level, status, n in rows:
                if status in EXCLUDED_ORDER_STATUSES:
                    excluded += n
                    continue
                valid += n
                if Satisfaction(level).counts_as_satisfied:
                    satisfied += n
        return SatisfactionTally(valid=valid, satisfied=satisfied, excluded=excluded)

    def describe(self, evaluations: Sequence[Evaluation]) -> list[EvaluationLine]:
        """The evaluations (a page of the list) with the code, title and status of what they rate."""
        order_ids = {e.work_order_id for e in evaluations if e.work_order_id is not None}
        activity_ids = {e.activity_id for e in evaluations if e.activity_id is not None}
        with self.store.session() as session:
            orders = {
                row.id: row
                for row in session.execute(
                    select(WorkOrder.id, WorkOrder.code, WorkOrder.title, WorkOrder.status).where(
                        WorkOrder.id.in_(order_ids)
                    )
                )
            }
            activities = {
                row.id: row
                for row in session.execute(
                    select(Activity.id, Activity.code, Activity.title).where(Activity.id.in_(activity_ids))
                )
            }
        lines = []
        for e in evaluations:
            if e.work_order_id is not None and e.work_order_id in orders:
                o = orders[e.work_order_id]
                lines.append(EvaluationLine(e, o.code, o.title, o.status))
            elif e.activity_id is not None and e.activity_id in activities:
                a = activities[e.activity_id]
                lines.append(EvaluationLine(e, a.code, a.title, None))
            else:
                lines.append(EvaluationLine(e, "", "", None))
        return lines
