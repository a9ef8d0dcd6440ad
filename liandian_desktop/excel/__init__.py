"""Excel in and out: import rosters and lists from .xlsx (ours or anybody's), export lists and the three
lists, and write blank templates. No Qt here: the GUI's import preview calls this API from a worker.

Import, in two steps::

    plan = plan_import(store, "residents", path, ImportOptions(township_id), progress=..., cancel=...)
    plan.rows          # every row: fate (新增/更新/跳过/拒绝), reasons '第 12 行「身份证号」：…', changes
    save_refusal_report(store, plan, "bad.xlsx")   # the refused rows as they were, with the reason
    commit_plan(store, plan)                      # one transaction: all or nothing
"""

from liandian_desktop.excel.columns import SPECS, Field, FieldType, ImportKind, KindSpec, spec_of
from liandian_desktop.excel.export import (
    ExportResult,
    export_list,
    export_records,
    export_three_lists,
    exportable,
)
from liandian_desktop.excel.importing import (
    Layout,
    commit_plan,
    inspect_workbook,
    missing_required,
    plan_import,
    remember_plan_mapping,
)
from liandian_desktop.excel.plan import (
    Cancel,
    Change,
    Fate,
    ImportCancelled,
    ImportOptions,
    ImportPlan,
    ImportResult,
    PlannedRow,
    Problem,
    Progress,
)
from liandian_desktop.excel.report import save_refusal_report
from liandian_desktop.excel.templates import write_template
from liandian_desktop.excel.workbook import WorkbookError

__all__ = [
    "SPECS",
    "Cancel",
    "Change",
    "ExportResult",
    "Fate",
    "Field",
    "FieldType",
    "ImportCancelled",
    "ImportKind",
    "ImportOptions",
    "ImportPlan",
    "ImportResult",
    "KindSpec",
    "Layout",
    "PlannedRow",
    "Problem",
    "Progress",
    "WorkbookError",
    "commit_plan",
    "export_list",
    "export_records",
    "export_three_lists",
    "exportable",
    "inspect_workbook",
    "missing_required",
    "plan_import",
    "remember_plan_mapping",
    "save_refusal_report",
    "spec_of",
    "write_template",
]
