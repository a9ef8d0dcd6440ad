"""Keying paper back in (the core the GUI's keying screen calls).

Sign-in sheets: :func:`open_sheet` gives the rows of a printed sheet in the printed order with the printed
row codes (and where each row sits on its page, for a scan reader); :func:`apply_sheet` applies a batch of
ticks, walk-ins and volunteer hours in one transaction after checking every row, and reports every problem
at once (:class:`KeyingError`) or writes nothing. :func:`record_volunteer_hours` then turns the hours into
volunteer service records (MCA Order 67), which earn points.

Evaluation forms: :func:`open_evaluations` gives the questions of the form and which copies were keyed
already; :func:`apply_evaluations` stores the answers of a batch of forms (one transaction for an
activity's forms; a work order's single form also closes its loop, through the work-order service).

The schema has no place yet for the answers to questions beyond satisfaction and resolution, nor for the
copy number: both go into the evaluation's comment, in a bracketed trailer that also stops a copy from
being keyed twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from liandian_desktop.ledger.errors import ConflictError, LedgerError, ValidationError
from liandian_desktop.ledger.models import (
    Activity,
    ActivityKind,
    Attendance,
    AttendanceStatus,
    Evaluation,
    EvaluationSource,
    Resolution,
    Satisfaction,
    VolunteerServiceRecord,
    utcnow,
)
from liandian_desktop.ledger.services.orders import WorkOrderService
from liandian_desktop.ledger.services.volunteers import VolunteerService
from liandian_desktop.ledger.validation import normalize_text, parse_hours, validate_name, validate_phone
from liandian_desktop.paper.definitions import FormDefinition, Question
from liandian_desktop.paper.evaluation import EvaluationTarget, evaluation_definition, load_target
from liandian_desktop.paper.lookup import LOCAL_TZ, find_activity, local
from liandian_desktop.paper.printcode import PrintedCode, parse_code
from liandian_desktop.paper.privacy import Copy
from liandian_desktop.paper.signin import ROW_CODE_WIDTH, load_sheet, plan_sheet, sheet_definition
from liandian_desktop.store.engine import Store

# ---------------------------------------------------------------------------------------------------------
# Problems
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyingProblem:
    row: str  # the row code or the copy number, as on the paper
    field: str
    message: str


class KeyingError(ValidationError):
    """Every problem of a batch; nothing of it was written."""

    def __init__(self, problems: list[KeyingProblem]) -> None:
        self.problems = problems
        lines = "\n".join(f"{p.row}：{p.message}" for p in problems[:30])
        more = f"\n……另有 {len(problems) - 30} 处" if len(problems) > 30 else ""
        super().__init__(
            problems[0].field if problems else "", f"有 {len(problems)} 处需要核对，均未保存：\n{lines}{more}"
        )


def _version_note(printed: PrintedCode, definition: FormDefinition) -> str:
    if printed.version is None or printed.version == definition.version:
        return ""
    return (
        f"这份表印的是 {printed.form} v{printed.version}，现在的表单定义是 v{definition.version}："
        "请对照纸面核对栏目和题目"
    )


# ---------------------------------------------------------------------------------------------------------
# Sign-in sheets
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyingRow:
    row_code: str
    name: str  # '' on a blank row
    status: AttendanceStatus | None  # None: a blank row printed for a walk-in, nothing keyed yet
    hours: Decimal | None
    signed_at: datetime | None
    prefilled: bool  # printed with a name (False: a blank row)
    page: int
    slot: int  # first row height it takes on its page (see the form's layout file)
    slots: int


@dataclass(frozen=True)
class KeyingSheet:
    form: str  # signin | volunteer-signin
    version: str
    activity_id: uuid.UUID
    activity_code: str
    title: str
    takes_hours: bool  # a volunteer activity: hours may be keyed
    rows: tuple[KeyingRow, ...]
    pages: int
    version_note: str  # non-empty when the paper was printed from another version of the definition


def _normalize_code(value: object) -> str:
    code = normalize_text(str(value)).upper()
    if code.isdigit() and len(code) < ROW_CODE_WIDTH:
        code = code.zfill(ROW_CODE_WIDTH)
    return code


def open_sheet(
    store: Store,
    code: str,
    *,
    volunteer: bool | None = None,
    forms_dir: Path | None = None,
    blank_rows: int | None = None,
) -> KeyingSheet:
    """The rows of the sheet with printed ``code`` (an activity code or a page's QR payload), in printed
    order with the printed row codes, blank rows included. ``volunteer`` picks the form when the code does
    not say (default: the volunteer sheet for a volunteer activity)."""
    printed = parse_code(code)
    with store.session() as session:
        data = load_sheet(session, printed.target)
    if printed.form is not None:
        volunteer = printed.form == "volunteer-signin"
    elif volunteer is None:
        volunteer = data.activity.kind == ActivityKind.VOLUNTEER
    definition = sheet_definition(volunteer, None, forms_dir)
    sheet = plan_sheet(definition, data, Copy.from_flag(printed.copy), blank_rows)
    by_code = {r.row_code: r for r in data.rows}
    rows = []
    for placed in sheet.rows:
        known = by_code.get(placed.key)
        rows.append(
            KeyingRow(
                row_code=placed.key,
                name=known.name if known else "",
                status=known.status if known else None,
                hours=known.hours if known else None,
                signed_at=known.signed_at if known else None,
                prefilled=known is not None,
                page=placed.page,
                slot=placed.slot,
                slots=placed.slots,
            )
        )
    return KeyingSheet(
        form=definition.id,
        version=definition.version,
        activity_id=data.activity.id,
        activity_code=data.activity.code,
        title=data.activity.title,
        takes_hours=data.activity.kind == ActivityKind.VOLUNTEER,
        rows=tuple(rows),
        pages=sheet.pages,
        version_note=_version_note(printed, definition),
    )


@dataclass(frozen=True)
class RowEntry:
    """What the paper says about one row. ``row_code`` None: someone wrote their name below the printed
    rows; they get the next free code."""

    row_code: str | None
    present: bool | None = None  # None: not keyed (hours imply present)
    hours: object = None  # volunteer activities only
    name: str | None = None  # required for a walk-in; for a printed row, checked against the sheet
    phone: str = ""
    signed_at: datetime | None = None
    note: str | None = None


class _Reporter:
    """Adds problems found on one row."""

    def __init__(self, problems: list[KeyingProblem], row: str) -> None:
        self.problems = problems
        self.row = row

    def __call__(self, field_name: str, message: str) -> None:
        self.problems.append(KeyingProblem(self.row, field_name, message))


@dataclass(frozen=True)
class KeyingResult:
    present: int
    absent: int
    walk_ins: int
    hours_rows: int
    total_hours: Decimal
    row_codes: tuple[str, ...] = field(default=())  # codes given to walk-ins keyed without one


def apply_sheet(store: Store, code: str, entries: Sequence[RowEntry]) -> KeyingResult:
    """Apply a batch of keyed rows in one transaction: every row is checked first, and one problem
    anywhere means nothing is written (:class:`KeyingError` lists them all)."""
    printed = parse_code(code)
    problems: list[KeyingProblem] = []
    present = absent = walk_ins = hours_rows = 0
    total = Decimal(0)
    new_codes: list[str] = []
    with store.transaction() as session:
        activity = find_activity(session, printed.target)
        takes_hours = activity.kind == ActivityKind.VOLUNTEER
        all_rows = list(session.scalars(select(Attendance).where(Attendance.activity_id == activity.id)))
        live = {r.row_code: r for r in all_rows if r.deleted_at is None}
        retired = {r.row_code for r in all_rows if r.deleted_at is not None} - set(live)
        numbers = [int(r.row_code) for r in all_rows if r.row_code.isdigit()]
        next_number = max(numbers, default=0) + 1
        seen: set[str] = set()
        for entry in entries:
            label = f"第 {entry.row_code} 行" if entry.row_code else "空白行"
            code_text = _normalize_code(entry.row_code) if entry.row_code is not None else ""
            if code_text:
                label = f"第 {code_text} 行"
                if code_text in seen:
                    problems.append(KeyingProblem(label, "row_code", "同一行录入了两次"))
                    continue
                seen.add(code_text)
            bad = _Reporter(problems, label)
            hours: Decimal | None = None
            is_present = entry.present
            if entry.hours is not None and not (isinstance(entry.hours, str) and not entry.hours.strip()):
                if not takes_hours:
                    bad("hours", f"本活动是{activity.kind.label}，不是志愿服务活动，不登记服务时长")
                elif entry.present is False:
                    bad("hours", "缺席人员不能登记服务时长")
                else:
                    try:
                        hours = parse_hours(entry.hours, field="hours")
                        is_present = True
                    except ValidationError as exc:
                        bad("hours", exc.message)
            if entry.signed_at is not None and (entry.signed_at.tzinfo is None or entry.signed_at > utcnow()):
                bad("signed_at", "签到时间缺少时区或晚于现在")

            row = live.get(code_text) if code_text else None
            if row is not None:
                if entry.name and normalize_text(entry.name) != row.name:
                    bad(
                        "name",
                        f"这一行印的是“{row.name}”，录入的姓名是“{normalize_text(entry.name)}”，请核对行号",
                    )
                    continue
                if is_present is None:
                    if entry.note is not None:
                        row.note = entry.note.strip()
                    continue
                if is_present:
                    if row.status != AttendanceStatus.WALK_IN:
                        row.status = AttendanceStatus.PRESENT
                    present += 1
                else:
                    if row.status == AttendanceStatus.WALK_IN:
                        bad("present", "这一行是现场加入人员，不能标记为缺席；如为误录请删除该行")
                        continue
                    if entry.signed_at is not None:
                        bad("signed_at", "缺席人员不能有签到时间")
                        continue
                    row.status = AttendanceStatus.ABSENT
                    absent += 1
                row.signed_at = entry.signed_at
                row.hours = hours
                if entry.note is not None:
                    row.note = entry.note.strip()
            else:
                # a walk-in written on a blank row
                if code_text:
                    if code_text in retired:
                        bad("row_code", "这个行号属于已删除的行，不再使用；请核对纸面上的行号")
                        continue
                    if not code_text.isdigit() or int(code_text) < next_number:
                        bad("row_code", "签到表上没有这个行号，请核对")
                        continue
                if is_present is False:
                    continue  # an empty blank row
                if not entry.name or not normalize_text(entry.name):
                    bad("name", "现场加入人员请录入姓名")
                    continue
                try:
                    name = validate_name(entry.name)
                    phone = validate_phone(entry.phone) if entry.phone.strip() else ""
                except ValidationError as exc:
                    bad(exc.field, exc.message)
                    continue
                if not code_text:
                    while f"{next_number:0{ROW_CODE_WIDTH}d}" in seen:
                        next_number += 1
                    code_text = f"{next_number:0{ROW_CODE_WIDTH}d}"
                    new_codes.append(code_text)
                seen.add(code_text)
                session.add(
                    Attendance(
                        township_id=activity.township_id,
                        activity_id=activity.id,
                        name=name,
                        phone=phone,
                        row_code=code_text,
                        status=AttendanceStatus.WALK_IN,
                        signed_at=entry.signed_at,
                        hours=hours,
                        note=(entry.note or "").strip(),
                    )
                )
                walk_ins += 1
            if hours is not None:
                hours_rows += 1
                total += hours
        if problems:
            raise KeyingError(problems)  # rolls the transaction back
    return KeyingResult(present, absent, walk_ins, hours_rows, total, tuple(new_codes))


@dataclass(frozen=True)
class HoursRecorded:
    recorded: int
    skipped: int  # already recorded for this activity
    problems: tuple[KeyingProblem, ...]  # rows with hours but no volunteer, or refused by the roster


def record_volunteer_hours(store: Store, code: str) -> HoursRecorded:
    """Turn the hours keyed on a volunteer sheet into service records (and points) on each volunteer's
    record. Rows already recorded for this activity are skipped, so it can be run again after corrections."""
    printed = parse_code(code)
    with store.session() as session:
        activity = find_activity(session, printed.target)
        rows = list(
            session.scalars(
                select(Attendance).where(
                    Attendance.activity_id == activity.id,
                    Attendance.deleted_at.is_(None),
                    Attendance.hours.is_not(None),
                )
            )
        )
        done = set(
            session.scalars(
                select(VolunteerServiceRecord.volunteer_id).where(
                    VolunteerServiceRecord.activity_id == activity.id,
                    VolunteerServiceRecord.deleted_at.is_(None),
                )
            )
        )
    service = VolunteerService(store)
    recorded = skipped = 0
    problems = []
    for row in sorted(rows, key=lambda r: r.row_code):
        if row.volunteer_id is None:
            problems.append(
                KeyingProblem(
                    f"第 {row.row_code} 行",
                    "volunteer_id",
                    f"“{row.name}”不在志愿者名册中，服务时长未计入个人记录",
                )
            )
            continue
        if row.volunteer_id in done:
            skipped += 1
            continue
        try:
            service.record_service(row.volunteer_id, activity_id=activity.id, hours=row.hours)
            recorded += 1
        except LedgerError as exc:
            problems.append(KeyingProblem(f"第 {row.row_code} 行", "hours", exc.message))
    return HoursRecorded(recorded, skipped, tuple(problems))


# ---------------------------------------------------------------------------------------------------------
# Evaluation forms
# ---------------------------------------------------------------------------------------------------------

_TRAILER = "〔纸质测评表 {tag} {target} 第 {serial} 份〕"


@dataclass(frozen=True)
class EvaluationSheet:
    target: EvaluationTarget
    form: str
    version: str
    questions: tuple[Question, ...]
    has_comment: bool
    copies: int | None  # as printed, when the code was a QR payload
    keyed: frozenset[int]  # copy numbers keyed already
    version_note: str


def _keyed_serials(store: Store, target: EvaluationTarget) -> frozenset[int]:
    column = Evaluation.activity_id if target.kind == "activity" else Evaluation.work_order_id
    with store.session() as session:
        comments = session.scalars(
            select(Evaluation.comment).where(column == target.id, Evaluation.deleted_at.is_(None))
        )
        serials = set()
        for comment in comments:
            marker = comment.rfind(f"{target.code} 第 ")
            if marker >= 0 and "〔纸质测评表" in comment:
                tail = comment[marker + len(target.code) + 3 :]
                number = tail.split(" ", 1)[0]
                if number.isdigit():
                    serials.add(int(number))
    return frozenset(serials)


def open_evaluations(store: Store, code: str, *, forms_dir: Path | None = None) -> EvaluationSheet:
    printed = parse_code(code)
    definition = evaluation_definition(None, forms_dir)
    target = load_target(store, printed.target)
    return EvaluationSheet(
        target=target,
        form=definition.id,
        version=definition.version,
        questions=definition.questions,
        has_comment=definition.comment is not None,
        copies=printed.pages,
        keyed=_keyed_serials(store, target),
        version_note=_version_note(printed, definition),
    )


@dataclass(frozen=True)
class FormAnswers:
    """One filled-in form: the copy number printed on it, the ticked choice of each question (its label
    or stored value), the comment written, and the date filled in (default: today)."""

    serial: int | None
    answers: Mapping[str, str]
    comment: str = ""
    filled_on: date | None = None


def _choice(question: Question, given: str) -> str | None:
    text = normalize_text(given)
    for label in question.choices:
        if text == label:
            return label
    if question.records == "satisfaction":
        for s in Satisfaction:
            if text == s.value:
                return s.label
    if question.records == "resolution":
        for r in Resolution:
            if text == r.value:
                return r.label
    return None


def _short(text: str) -> str:
    """A question's text without its number and closing colon, for the comment trailer."""
    body = text.strip()
    head = body.split(" ", 1)
    if len(head) == 2 and head[0].rstrip(".、．").isdigit():
        body = head[1]
    return body.rstrip("：:？?")


def _evaluated_at(filled_on: date | None, not_before: datetime) -> datetime:
    now = utcnow()
    if filled_on is None:
        return now
    at = datetime.combine(filled_on, time(12), LOCAL_TZ)
    if at > now:
        at = now
    return max(at, not_before)


def apply_evaluations(
    store: Store, code: str, forms: Sequence[FormAnswers], *, forms_dir: Path | None = None, actor: str = ""
) -> list[uuid.UUID]:
    """Store a batch of filled-in forms for the activity or work order with printed ``code``; returns the
    evaluations' ids. Every form is checked first; one problem anywhere means nothing is written."""
    printed = parse_code(code)
    definition = evaluation_definition(None, forms_dir)
    tag = f"{printed.form or definition.id}@{printed.version or definition.version}"
    target = load_target(store, printed.target)
    keyed = _keyed_serials(store, target)
    problems: list[KeyingProblem] = []
    cleaned: list[tuple[Satisfaction, Resolution | None, str, date | None]] = []
    if target.kind == "work_order" and len(forms) > 1:
        problems.append(KeyingProblem("工单", "forms", "一张工单只有一份测评表"))
    seen: set[int] = set()
    for i, form in enumerate(forms, 1):
        label = f"第 {form.serial} 份" if form.serial else f"第 {i} 张（未写份号）"
        if form.serial is not None:
            if form.serial < 1 or (printed.pages is not None and form.serial > printed.pages):
                problems.append(KeyingProblem(label, "serial", "份号超出打印的份数"))
                continue
            if form.serial in keyed or form.serial in seen:
                problems.append(KeyingProblem(label, "serial", "这一份已经录入过"))
                continue
            seen.add(form.serial)
        unknown = set(form.answers) - {q.key for q in definition.questions}
        if unknown:
            problems.append(
                KeyingProblem(label, "answers", f"测评表没有这些题目：{'、'.join(sorted(unknown))}")
            )
            continue
        chosen: dict[str, str] = {}
        ok = True
        for q in definition.questions:
            given = form.answers.get(q.key, "")
            if not normalize_text(given):
                needed = q.required or (q.records == "resolution" and target.kind == "work_order")
                if needed:
                    problems.append(KeyingProblem(label, q.key, f"“{_short(q.text)}”没有填写"))
                    ok = False
                continue
            choice = _choice(q, given)
            if choice is None:
                problems.append(
                    KeyingProblem(
                        label, q.key, f"“{given}”不是“{_short(q.text)}”的选项（{'、'.join(q.choices)}）"
                    )
                )
                ok = False
                continue
            chosen[q.key] = choice
        if not ok:
            continue
        satisfaction: Satisfaction | None = None
        resolution: Resolution | None = None
        extras = []
        for q in definition.questions:
            if q.key not in chosen:
                continue
            if q.records == "satisfaction":
                satisfaction = Satisfaction(Satisfaction.from_label(chosen[q.key]))
            elif q.records == "resolution":
                resolution = Resolution(Resolution.from_label(chosen[q.key]))
            else:
                extras.append(f"{_short(q.text)}：{chosen[q.key]}")
        assert satisfaction is not None  # the definition makes the satisfaction question required
        trailer = _TRAILER.format(tag=tag, target=target.code, serial=form.serial or "?")
        comment = "\n".join(part for part in (form.comment.strip(), trailer + "；".join(extras)) if part)
        cleaned.append((satisfaction, resolution, comment, form.filled_on))
    if problems:
        raise KeyingError(problems)
    if target.kind == "work_order":
        if not cleaned:
            return []
        satisfaction, resolution, comment, filled_on = cleaned[0]
        assert resolution is not None
        orders = WorkOrderService(store)
        order = orders.get(target.id)
        try:
            evaluation = orders.evaluate(
                target.id,
                satisfaction,
                resolution,
                at=_evaluated_at(filled_on, order.resolved_at or order.ordered_at),
                comment=comment,
                source=EvaluationSource.PAPER,
                form_version=tag[:20],
                actor=actor,
            )
        except LedgerError as exc:
            raise KeyingError([KeyingProblem(f"工单 {target.code}", "status", exc.message)]) from None
        return [evaluation.id]
    with store.transaction() as session:
        activity = session.get(Activity, target.id)
        if activity is None or activity.deleted_at is not None:
            raise ConflictError("活动已被删除")
        if activity.starts_at > utcnow():
            raise KeyingError(
                [
                    KeyingProblem(
                        f"活动 {activity.code}",
                        "evaluated_at",
                        f"活动还没有开始（{local(activity.starts_at):%Y-%m-%d %H:%M}）",
                    )
                ]
            )
        added = []
        for satisfaction, resolution, comment, filled_on in cleaned:
            evaluation = Evaluation(
                township_id=activity.township_id,
                community_id=activity.community_id,
                activity_id=activity.id,
                satisfaction=satisfaction,
                resolution=resolution,
                comment=comment,
                source=EvaluationSource.PAPER,
                form_version=tag[:20],
                evaluated_at=_evaluated_at(filled_on, activity.starts_at),
            )
            session.add(evaluation)
            added.append(evaluation)
        session.flush()
        return [e.id for e in added]
