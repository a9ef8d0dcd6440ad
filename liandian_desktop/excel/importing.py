"""Import a workbook in two steps: :func:`plan_import` reads and checks every row and writes nothing;
:func:`commit_plan` writes the rows that passed, in one transaction (all or nothing).

Both run in a worker thread in the GUI: they report progress through ``progress(stage, fraction)`` and
stop at the next checkpoint when ``cancel`` is set (a cancelled commit rolls back completely).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

from liandian_desktop.excel.cells import CellError, read_cell
from liandian_desktop.excel.columns import (
    ImportKind,
    KindSpec,
    column_letter,
    header_key,
    match_headers,
    remember_mapping,
    remembered_mapping,
    spec_of,
)
from liandian_desktop.excel.importers import Importer, importer_for
from liandian_desktop.excel.plan import (
    Cancel,
    Change,
    Fate,
    ImportOptions,
    ImportPlan,
    ImportResult,
    PlannedRow,
    Problem,
    Progress,
)
from liandian_desktop.excel.report import REASON_HEADER, ROW_HEADER
from liandian_desktop.excel.workbook import (
    HeaderGuess,
    Row,
    Workbook,
    WorkbookError,
    describe_column,
    find_header_with,
    guess_header,
    is_blank,
)
from liandian_desktop.ledger.errors import LedgerError, ValidationError
from liandian_desktop.ledger.services.fields import BatchRow
from liandian_desktop.store.engine import Store

CHECK_EVERY: Final = 250  # rows between cancellation checks and progress reports
MappingSource = Literal["auto", "remembered", "explicit"]


@dataclass(frozen=True)
class Layout:
    """Where the data is in a workbook and how its columns map to fields: what a mapping screen shows."""

    sheet: str
    sheets: tuple[str, ...]
    header: HeaderGuess
    columns: dict[int, str]  # column index → field key
    source: MappingSource
    missing: tuple[str, ...] = ()  # headers of required fields no column holds
    sample: tuple[Row, ...] = field(default=(), repr=False)  # the first data rows, as read


def _noop(_stage: str, _fraction: float) -> None:
    pass


# ---------------------------------------------------------------------------------------------------------
# Layout: sheet, header row, column mapping
# ---------------------------------------------------------------------------------------------------------


def _explicit_columns(
    spec: KindSpec, headers: Sequence[str], mapping: Mapping[str, str | None]
) -> dict[int, str]:
    """Column index → field key (None: ignore) for an explicit mapping keyed by header text or letter."""
    chosen: dict[int, str | None] = {}
    keys = [header_key(h) for h in headers]
    letters = [column_letter(i) for i in range(max(len(headers), 1))]
    for column, target in mapping.items():
        text = column.strip()
        if text.upper() in letters and header_key(text) not in keys:
            col = letters.index(text.upper())
        elif header_key(text) in keys:
            col = keys.index(header_key(text))
        else:
            raise WorkbookError(f"指定的列“{column}”不在表头中；表头为：{'、'.join(h for h in headers if h)}")
        if target is None or not str(target).strip():
            chosen[col] = None
            continue
        key = spec.resolve_field(str(target))
        if key is None:
            names = "、".join(f.header for f in spec.fields)
            raise WorkbookError(f"“{target}”不是{spec.label}的字段；可选：{names}")
        chosen[col] = key
    return {col: key for col, key in chosen.items() if key is not None}


def _apply_explicit(
    auto: Mapping[int, str], explicit: Mapping[int, str], ignored: set[int]
) -> dict[int, str]:
    fields = set(explicit.values())
    if len(fields) != len(explicit):
        raise WorkbookError("指定的对应关系中，同一字段对应了多列")
    merged = {col: key for col, key in auto.items() if key not in fields and col not in ignored}
    merged.update(explicit)
    return merged


def _layout(store: Store, wb: Workbook, spec: KindSpec, importer: Importer, options: ImportOptions) -> Layout:
    sheets = wb.sheet_names()
    if not sheets:
        raise WorkbookError("工作簿中没有可见的工作表")
    candidates = [options.sheet] if options.sheet else sheets
    best: tuple[int, Layout] | None = None
    any_data = False
    for name in candidates:
        head = wb.head(name)
        if any(not is_blank(r) for r in head):
            any_data = True
        layout = _sheet_layout(store, name, head, spec, options)
        if layout is None:
            continue
        score = len(layout.columns) + (100 if layout.source != "auto" else 0)
        if best is None or score > best[0]:
            best = (score, layout)
    if best is None:
        if not any_data:
            raise WorkbookError("工作簿是空的，没有任何数据")
        wanted = "、".join(f"“{f.header}”" for f in spec.fields if f.required) or "、".join(
            f"“{f.header}”" for f in spec.fields[:3]
        )
        raise WorkbookError(
            f"没有找到可识别的表头：前 30 行中没有一行像{spec.label}的表头（应包含{wanted}等列）。"
            "请使用下载的模板，或在导入时指定各列对应的字段"
        )
    layout = best[1]
    missing = _missing(spec, layout.columns, importer)
    return Layout(layout.sheet, tuple(sheets), layout.header, layout.columns, layout.source, missing)


def _missing(spec: KindSpec, columns: Mapping[int, str], importer: Importer) -> tuple[str, ...]:
    covered = set(columns.values()) | importer.defaults()
    return tuple(f.header for f in spec.fields if f.required and f.key not in covered)


def missing_required(
    store: Store, kind: ImportKind | str, columns: Mapping[int, str], options: ImportOptions
) -> tuple[str, ...]:
    """Headers of the required fields that neither a column (``columns``: index → field key) nor an
    option (the community, activity or quarter given for every row) provides: what a mapping screen shows
    while the user edits the columns. Reads nothing."""
    spec = spec_of(kind)
    return _missing(spec, columns, importer_for(store, spec.kind, options))


def _sheet_layout(
    store: Store, name: str, head: Sequence[Row], spec: KindSpec, options: ImportOptions
) -> Layout | None:
    guess: HeaderGuess | None
    if options.header_row is not None:
        index = options.header_row - 1
        row = head[index] if 0 <= index < len(head) else ()
        guess = HeaderGuess(
            name, options.header_row, 1, tuple(_text(c) for c in row), match_headers(row, spec)
        )
    elif options.mapping:
        wanted = {header_key(k) for k in options.mapping}

        def score(row: Row) -> int:
            return sum(1 for c in row if header_key(c) in wanted)

        guess = (
            find_header_with(name, head, score) or guess_header(name, head, spec) or _first_filled(name, head)
        )
        if guess is not None and not guess.matches:
            row = head[guess.row - 1]
            guess = HeaderGuess(name, guess.row, 1, guess.headers, match_headers(row, spec))
    else:
        guess = guess_header(name, head, spec)
        remembered = _remembered(store, name, head, spec)
        if remembered is not None:
            return remembered
    if guess is None:
        return None
    if options.mapping:
        explicit = _explicit_columns(spec, guess.headers, options.mapping)
        ignored = {
            col for col in range(len(guess.headers)) if _ignored(guess.headers[col], col, options.mapping)
        }
        columns = _apply_explicit(guess.matches, explicit, ignored)
        return Layout(name, (), guess, columns, "explicit")
    return Layout(name, (), guess, dict(guess.matches), "auto")


def _first_filled(name: str, head: Sequence[Row]) -> HeaderGuess | None:
    """With a mapping by column letters only, the header is the first row with two cells or more filled
    (a title above it has one)."""
    for index, row in enumerate(head):
        if sum(1 for c in row if _text(c)) >= 2:
            return HeaderGuess(name, index + 1, 1, tuple(_text(c) for c in row), {})
    return None


def _ignored(header: str, col: int, mapping: Mapping[str, str | None]) -> bool:
    return any(
        (target is None or not str(target).strip())
        and (header_key(column) == header_key(header) or column.strip().upper() == column_letter(col))
        for column, target in mapping.items()
    )


def _remembered(store: Store, name: str, head: Sequence[Row], spec: KindSpec) -> Layout | None:
    """A layout saved for a row among the first ones (an earlier import of the same kind of workbook)."""
    for index, row in enumerate(head):
        headers = tuple(_text(c) for c in row)
        if sum(1 for h in headers if h) < 2:
            continue
        columns = remembered_mapping(store, spec.kind, headers) or remembered_mapping(
            store, spec.kind, _without_report_columns(headers)
        )
        if columns:
            guess = HeaderGuess(name, index + 1, 1, headers, match_headers(row, spec))
            return Layout(name, (), guess, columns, "remembered")
    return None


def _without_report_columns(headers: tuple[str, ...]) -> tuple[str, ...]:
    """A refusal report's header is the original one plus two columns at the end: drop them, so a
    corrected report finds the mapping remembered for the original workbook."""
    trimmed = list(headers)
    while trimmed and trimmed[-1] in ("", REASON_HEADER, ROW_HEADER):
        trimmed.pop()
    return tuple(trimmed)


def _text(cell: object) -> str:
    return "" if cell is None else " ".join(str(cell).split())


def inspect_workbook(store: Store, kind: ImportKind | str, path: Path, options: ImportOptions) -> Layout:
    """The sheet, header row and column mapping an import of this file would use, with the first rows:
    for a mapping screen that lets the user correct the columns before planning. Writes nothing."""
    spec = spec_of(kind)
    importer = importer_for(store, spec.kind, options)
    with Workbook(Path(path)) as wb:
        layout = _layout(store, wb, spec, importer, options)
        sample = []
        for _number, cells in wb.rows(layout.sheet, layout.header.data_start):
            if not is_blank(cells):
                sample.append(cells)
            if len(sample) >= 10:
                break
    return Layout(
        layout.sheet,
        layout.sheets,
        layout.header,
        layout.columns,
        layout.source,
        layout.missing,
        tuple(sample),
    )


# ---------------------------------------------------------------------------------------------------------
# Planning
# ---------------------------------------------------------------------------------------------------------


@dataclass
class _Parsed:
    number: int
    cells: Row
    values: dict[str, Any]
    problems: list[Problem]
    service_row: dict[str, Any] | None = None
    batch: BatchRow | None = None


def plan_import(
    store: Store,
    kind: ImportKind | str,
    path: Path | str,
    options: ImportOptions,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportPlan:
    """Read the workbook and decide every row's fate (add, update, skip, refuse — with reasons). Writes
    nothing. Raises WorkbookError when the file itself cannot be used (not an .xlsx, empty, no header,
    missing required columns), ImportCancelled when cancelled."""
    report = progress or _noop
    spec = spec_of(kind)
    importer = importer_for(store, spec.kind, options)
    source = Path(path)
    report("读取工作簿", 0.0)
    with Workbook(source) as wb:
        layout = _layout(store, wb, spec, importer, options)
        if layout.missing:
            raise WorkbookError(
                f"表头（第 {layout.header.row} 行）中缺少必填列：{'、'.join(layout.missing)}；"
                "请补上这些列，或在导入时指定对应的列（村/社区、活动、季度也可在导入时统一指定）"
            )
        parsed, blank = _read_rows(wb, layout, spec, importer, report, cancel)
    report("校验", 0.6)
    _check(importer, parsed)
    if cancel is not None:
        cancel.check()
    headers = layout.header.headers
    plan = ImportPlan(
        kind=spec.kind,
        source=source,
        sheet=layout.sheet,
        header_row=layout.header.row,
        headers=headers,
        columns=dict(layout.columns),
        mapping_source=layout.source,
        options=options,
        rows=[],
        blank_rows=blank,
        ignored_columns=tuple(h for col, h in enumerate(headers) if h and col not in layout.columns),
    )
    numbers = [p.number for p in parsed if p.service_row is not None]
    plan.rows = [_planned(p, importer, plan, numbers) for p in parsed]
    report("完成", 1.0)
    return plan


def _read_rows(
    wb: Workbook,
    layout: Layout,
    spec: KindSpec,
    importer: Importer,
    report: Progress,
    cancel: Cancel | None,
) -> tuple[list[_Parsed], int]:
    headers = layout.header.headers
    header_keys = [header_key(h) for h in headers]
    probe = next((col for col in sorted(layout.columns) if col < len(header_keys) and header_keys[col]), 0)
    fields = {col: spec.field(key) for col, key in layout.columns.items()}
    required = [f for f in spec.fields if f.required and f.key not in importer.defaults()]
    hint = max(wb.row_hint(layout.sheet), 1)
    parsed: list[_Parsed] = []
    blank = 0
    for count, (number, cells) in enumerate(wb.rows(layout.sheet, layout.header.data_start)):
        if count % CHECK_EVERY == 0:
            if cancel is not None:
                cancel.check()
            report("读取工作簿", 0.6 * min(number / hint, 1.0))
        if is_blank(cells) or _repeats_header(cells, header_keys, probe):
            blank += 1  # an empty row, or the header repeated (printed page by page)
            continue
        values: dict[str, Any] = {}
        problems: list[Problem] = []
        for col, f in fields.items():
            raw = cells[col] if col < len(cells) else None
            try:
                value = read_cell(f, raw)
            except CellError as exc:
                problems.append(Problem(number, describe_column(headers, col), exc.message))
                continue
            if value is not None:
                values[f.key] = value
        if not values and not problems:
            blank += 1  # only notes in columns not imported ('制表人：…')
            continue
        for f in required:
            if f.key not in values and not any(p.column == _column(layout, headers, f.key) for p in problems):
                problems.append(Problem(number, _column(layout, headers, f.key), "必填，不能为空"))
        row = _Parsed(number, cells, values, problems)
        if not problems:
            try:
                row.service_row = importer.service_row(values)
            except ValidationError as exc:
                row.problems.append(Problem(number, _column(layout, headers, exc.field), exc.message))
        parsed.append(row)
    return parsed, blank


def _repeats_header(cells: Row, header_keys: Sequence[str], probe: int) -> bool:
    """The header printed again (page by page): checked on one column first, the whole row only then."""
    cell = cells[probe] if probe < len(cells) else None
    if not isinstance(cell, str) or header_key(cell) != header_keys[probe]:
        return False
    return [header_key(c) for c in cells[: len(header_keys)]] == list(header_keys)


def _column(layout: Layout, headers: Sequence[str], key: str) -> str:
    for col, field_key in layout.columns.items():
        if field_key == key:
            return describe_column(headers, col)
    return ""


def _check(importer: Importer, parsed: list[_Parsed]) -> None:
    pending = [p for p in parsed if p.service_row is not None]
    try:
        outcomes = importer.check([p.service_row for p in pending if p.service_row is not None])
    except LedgerError as exc:  # a problem of the whole import (the township was deleted…)
        raise WorkbookError(exc.message) from exc
    for row, outcome in zip(pending, outcomes, strict=True):
        row.batch = outcome


def _planned(row: _Parsed, importer: Importer, plan: ImportPlan, numbers: Sequence[int]) -> PlannedRow:
    batch = row.batch
    cleaned = batch is not None and batch.action == "add"
    label = importer.label({**row.values, **batch.values} if batch is not None and cleaned else row.values)
    if row.service_row is None or batch is None:
        return PlannedRow(row.number, Fate.REFUSE, row.cells, label, problems=row.problems)
    if batch.action == "add":
        return PlannedRow(row.number, Fate.ADD, row.cells, label, batch=batch)
    if batch.action == "update":
        changes = [
            Change(
                importer.change_label(key),
                importer.describe(key, batch.before.get(key)),
                importer.describe(key, value),
            )
            for key, value in batch.values.items()
        ]
        return PlannedRow(
            row.number, Fate.UPDATE, row.cells, label, changes=changes, matched=batch.matched, batch=batch
        )
    if batch.action == "same":
        note = (
            f"与台账中的记录一致（{batch.matched}），无需更新"
            if batch.matched
            else "与台账中的记录一致，无需更新"
        )
        return PlannedRow(row.number, Fate.SKIP, row.cells, label, matched=batch.matched, note=note)
    if batch.action == "skip":
        if batch.error is not None:
            note = batch.error.message
        else:
            note = f"台账中已有（{batch.matched}），按“重复时跳过”未更新"
        return PlannedRow(row.number, Fate.SKIP, row.cells, label, matched=batch.matched, note=note)
    error = batch.error
    message = error.message if error is not None else "无法导入"
    if batch.duplicate_of is not None:
        message = message.replace("前面一行", f"第 {numbers[batch.duplicate_of]} 行")
    column = ""
    if isinstance(error, ValidationError):
        column = plan.column_of(importer.field_of_error(error.field))
    problem = Problem(row.number, column, message)
    return PlannedRow(row.number, Fate.REFUSE, row.cells, label, problems=[problem], matched=batch.matched)


# ---------------------------------------------------------------------------------------------------------
# Committing
# ---------------------------------------------------------------------------------------------------------


def commit_plan(
    store: Store, plan: ImportPlan, *, progress: Progress | None = None, cancel: Cancel | None = None
) -> ImportResult:
    """Write the plan's added and updated rows in ONE transaction; refused and skipped rows are left out.

    If anything fails (the ledger changed since the plan, a cancel, an error), nothing is written. A
    plan is committed once. An explicit column mapping is remembered for the next workbook with the same
    header when ``plan.options.remember``.
    """
    if plan.committed:
        raise LedgerError("这份导入预览已经导入过了；如需再次导入，请重新预览")
    report = progress or _noop
    writes = [r.batch for r in plan.rows if r.fate in (Fate.ADD, Fate.UPDATE) and r.batch is not None]
    importer = importer_for(store, plan.kind, plan.options)

    def on_progress(done: int, total: int) -> None:
        report("写入台账", done / total if total else 1.0)
        if cancel is not None:
            cancel.check()  # raising inside the transaction rolls it back

    if cancel is not None:
        cancel.check()
    report("写入台账", 0.0)
    saved = importer.save(writes, on_progress) if writes else None
    plan.committed = True
    if plan.mapping_source == "explicit" and plan.options.remember:
        remember_mapping(store, plan.kind, plan.headers, plan.columns)
    counts = plan.counts()
    report("完成", 1.0)
    return ImportResult(
        added=counts[Fate.ADD],
        updated=counts[Fate.UPDATE],
        skipped=counts[Fate.SKIP],
        refused=counts[Fate.REFUSE],
        added_ids=saved.added if saved else (),
        updated_ids=saved.updated if saved else (),
    )


def remember_plan_mapping(store: Store, plan: ImportPlan) -> None:
    """Remember the plan's column mapping for the next workbook with the same header (the GUI's
    'remember these columns' without importing)."""
    remember_mapping(store, plan.kind, plan.headers, plan.columns)
