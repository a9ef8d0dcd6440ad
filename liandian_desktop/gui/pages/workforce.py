"""培训与蹲点: training hours of grassroots workers (target 40 hours a year), cadres' days in their community
(蹲点, target 30 days a year; one record a cadre a day, never counted as volunteer hours), and the special
fund (use ≥ 85 %, ≥ 20 yuan a resident a year). Targets come from the county's KPI settings.

Each tab is a list of records with, beside or above it, the year's figures against the target; whoever is
below it is shown in red. A click on a person in the figures shows their records.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.forms import Field, RecordForm
from liandian_desktop.gui.i18n import fmt_decimal
from liandian_desktop.gui.listing import Column, Filter, col, community_col, enum_filter
from liandian_desktop.gui.pages.evaluations import percent
from liandian_desktop.gui.qt import (
    QAbstractItemView,
    QFrame,
    QLabel,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from liandian_desktop.gui.screen import RecordBrowser, Screen
from liandian_desktop.gui.theme import GREEN, GREY, RED, app_font
from liandian_desktop.gui.vocab import label
from liandian_desktop.gui.widgets import page_header
from liandian_desktop.kpi.settings import CoverageTargets, load_settings
from liandian_desktop.ledger.errors import ValidationError
from liandian_desktop.ledger.models import Cadre, CadreDayKind, CadreKind, FundKind
from liandian_desktop.ledger.services.base import ListQuery, Page, Service
from liandian_desktop.ledger.services.workforce import CadreDays, FundSummary, TraineeHours
from liandian_desktop.ledger.validation import validate_name

YEAR = "year"
YEARS_OFFERED = 5  # this year and the four before


def year_choices() -> list[tuple[object, str]]:
    this = date.today().year
    return [(y, str(y)) for y in range(this, this - YEARS_OFFERED, -1)]


def without_year(query: ListQuery) -> tuple[ListQuery, int | None]:
    """The query without the year choice (not a column of the model), and the year."""
    filters = dict(query.filters)
    year = filters.pop(YEAR, None)
    return ListQuery(
        search=query.search,
        filters=filters,
        sort=query.sort,
        descending=query.descending,
        offset=query.offset,
        limit=query.limit,
    ), (int(year) if year is not None else None)


def money(value: Decimal) -> str:
    return f"{value:,.2f}"


@dataclass
class People:
    """The cadres (for names and choices) and the targets in force, read once when the page opens."""

    cadres: dict[uuid.UUID, Cadre] = field(default_factory=dict)
    targets: CoverageTargets = field(default_factory=CoverageTargets)

    def cadre_name(self, cadre_id: uuid.UUID | None) -> str:
        cadre = self.cadres.get(cadre_id) if cadre_id is not None else None
        return cadre.name if cadre is not None else ""

    def cadre_choices(self, unit_name: Callable[[uuid.UUID | None], str]) -> list[tuple[object, str]]:
        """Full-time cadres first (they have the days target), then advisors; each with their unit."""
        ordered = sorted(self.cadres.values(), key=lambda c: (c.kind != CadreKind.FULL_TIME, c.name))
        choices: list[tuple[object, str]] = []
        for c in ordered:
            where = unit_name(c.unit_id) if c.kind == CadreKind.FULL_TIME else label(c.kind)
            choices.append((c.id, f"{c.name}（{where}）" if where else c.name))
        return choices


class FiguresPanel(QFrame):
    """A year's figures per person against a target: a heading, a one-line summary, and a table whose rows
    below the target are red. ``chosen`` gives the row's key when the user clicks it."""

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.setMinimumWidth(280)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        self.heading = QLabel()
        self.heading.setFont(app_font(11.5, bold=True))
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.summary = QLabel()
        self.summary.setObjectName("Muted")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.hint = QLabel()
        self.hint.setObjectName("Muted")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.keys: list[object] = []

    def fill(self, rows: list[tuple[object, list[str], bool]]) -> None:
        """Rows of (key, cell texts, below target)."""
        self.keys = [key for key, _, _ in rows]
        self.table.setRowCount(len(rows))
        for r, (_key, texts, below) in enumerate(rows):
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if c >= 1 and text[:1].isdigit():
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if below:
                    item.setForeground(RED)
                elif c == len(texts) - 1:
                    item.setForeground(GREEN)
                self.table.setItem(r, c, item)
        for column in range(self.table.columnCount() - 1):
            self.table.resizeColumnToContents(column)

    def texts(self, row: int) -> list[str]:
        items = [self.table.item(row, c) for c in range(self.table.columnCount())]
        return [item.text() if item is not None else "" for item in items]

    def colour(self, row: int, column: int = 0) -> Any:
        item = self.table.item(row, column)
        return item.foreground().color() if item is not None else None


class YearBrowser(RecordBrowser):
    """A list with a year filter (this year when the page opens) and figures for that year beside it."""

    can_edit = False  # these ledgers record what happened: a mistake is deleted and entered again
    detail_width = 330

    def __init__(self, ctx: AppContext, people: People, parent: QWidget | None = None) -> None:
        self.people = people
        self._asked = 0
        super().__init__(ctx, parent)
        self.list.model.loaded.connect(lambda _total: self.refresh_figures())
        ctx.data_changed.connect(lambda kind: self.refresh_figures() if kind == self.kind else None)

    def year_filter(self) -> Filter:
        return Filter(YEAR, self.tr("全部年度"), year_choices)

    def year(self) -> int:
        """The year chosen in the filter, or this year when all years are listed."""
        value = self.list.model.state.filters.get(YEAR)
        return int(value) if value is not None else date.today().year

    def start(self) -> None:
        self.list.fill_filters()
        self.list.set_filter(YEAR, date.today().year)  # reloads

    def refresh_figures(self) -> None:
        """Read the year's figures in the background; an answer overtaken by a newer question is dropped."""
        if self.ctx.township is None:
            return  # an empty ledger: nothing to count
        self._asked += 1
        asked, read = self._asked, self.read_figures(self.year())

        def arrived(answer: Any) -> None:
            if asked == self._asked:
                self.show_figures(answer)

        self.ctx.tasks.read(read, arrived, self.show_error, name=f"{self.kind}_figures")

    def read_figures(self, year: int) -> Callable[[], Any]:
        raise NotImplementedError

    def show_figures(self, answer: Any) -> None:
        raise NotImplementedError

    def targets(self) -> CoverageTargets:
        """Worker thread: the targets the county set (KPI settings), else the plan's."""
        township = self.ctx.township
        return load_settings(self.ctx.store, township.id if township else None).coverage

    def show_detail(self, record: Any | None) -> None:
        """The figures do not follow the selected record."""


# ---------------------------------------------------------------------------------------------------------
# 培训记录
# ---------------------------------------------------------------------------------------------------------


class TrainingBrowser(YearBrowser):
    kind = "training_records"
    default_sort = ("training_date", True)

    def noun(self) -> str:
        return self.tr("培训记录", "noun")

    def search_hint(self) -> str:
        return self.tr("搜索学员、培训名称")

    def service(self) -> Service:
        return self.ctx.training

    def describe(self, record: Any) -> str:
        return self.tr("{name}的培训“{title}”").format(name=record.trainee_name, title=record.title)

    def fetch(self, query: ListQuery) -> Page[Any]:
        plain, year = without_year(query)
        return self.ctx.training.browse(plain, year=year)

    def columns(self) -> list[Column]:
        return [
            col(self.tr("培训日期"), "training_date", width=96),
            col(self.tr("学员"), "trainee_name", width=80),
            col(self.tr("培训名称"), "title", width=220),
            col(self.tr("学时"), "hours", align="right", width=52),
            col(self.tr("培训单位"), "organiser", width=150),
            col(
                self.tr("村（社区）"),
                "community_id",
                sortable=False,
                display=lambda r: self.ctx.lookups.community_name(r.community_id),
            ),
        ]

    def filters(self) -> list[Filter]:
        return [
            self.year_filter(),
            Filter("community_id", self.tr("全部村（社区）"), self.ctx.lookups.community_choices),
        ]

    def fields(self, record: Any | None) -> list[Field]:
        return [
            Field(
                "trainee_name",
                self.tr("学员姓名"),
                "textarea",
                placeholder=self.tr("每行一个姓名"),
                hint=self.tr("同一场培训的多名学员可一次录入，每行一人；学员是联点干部时在下方选择"),
            ),
            Field(
                "cadre_id",
                self.tr("联点干部"),
                "choice",
                choices=lambda: self.people.cadre_choices(self.ctx.lookups.unit_name),
                none_text=self.tr("（不是联点干部）"),
            ),
            Field("training_date", self.tr("培训日期"), "date", required=True),
            Field("title", self.tr("培训名称"), required=True),
            Field("hours", self.tr("学时（小时）"), "number", required=True, placeholder="3"),
            Field("organiser", self.tr("培训单位")),
            Field(
                "community_id",
                self.tr("学员所在村（社区）"),
                "choice",
                choices=self.ctx.lookups.community_choices,
                none_text=self.tr("（乡镇/街道）"),
            ),
        ]

    def create_record(self, values: dict[str, Any]) -> Any:
        """One record per trainee named (or the cadre chosen); every name is checked before any is kept."""
        v = dict(values)
        names = [n.strip() for n in v.pop("trainee_name").splitlines() if n.strip()]
        cadre_id = v.pop("cadre_id")
        if cadre_id is not None and len(names) > 1:
            raise ValidationError("trainee_name", self.tr("选了联点干部时只能录入一人"))
        if not names and cadre_id is None:
            raise ValidationError("trainee_name", self.tr("请填写学员姓名，或选择联点干部"))
        for name in names:
            validate_name(name, field="trainee_name")
        township_id, training = self.ctx.township_id, self.ctx.training
        trainees = names or [""]
        return [
            training.record(
                township_id,
                name,
                v["training_date"],
                v["title"],
                v["hours"],
                cadre_id=cadre_id,
                community_id=v["community_id"],
                organiser=v["organiser"],
            )
            for name in trainees
        ]

    def record_saved(self, record: Any) -> None:
        if not isinstance(record, list):
            super().record_saved(record)
            return
        for one in reversed(record):  # the first named ends up on top
            self.list.model.upsert(one)
        if record:
            self.list.select_row(0)
        self.banner.clear()
        self.ctx.changed(self.kind)
        self.ctx.message.emit(self.tr("已录入 {n} 条培训记录").format(n=len(record)))

    # -- hours by trainee ------------------------------------------------------------------------------
    def detail_panel(self) -> QWidget:
        self.figures = FiguresPanel([self.tr("学员"), self.tr("学时"), self.tr("差额")])
        self.figures.hint.setText(self.tr("点击一人，在左侧列出其培训记录。只统计有培训记录的人员。"))
        self.figures.table.cellClicked.connect(self._trainee_clicked)
        return self.figures

    def read_figures(self, year: int) -> Callable[[], Any]:
        training, township_id = self.ctx.training, self.ctx.township_id

        def read() -> tuple[int, Decimal, list[TraineeHours]]:
            target = Decimal(str(self.targets().training_hours_year))
            return year, target, training.hours_by_trainee(township_id, year, target)

        return read

    def show_figures(self, answer: tuple[int, Decimal, list[TraineeHours]]) -> None:
        year, target, rows = answer
        self.figures.heading.setText(
            self.tr("{year} 年培训学时（目标每人 {target} 学时）").format(
                year=year, target=fmt_decimal(target)
            )
        )
        met = sum(1 for r in rows if r.meets_target)
        self.figures.summary.setText(
            self.tr("{n} 人参加培训，{met} 人达标，{below} 人未达标（红色）").format(
                n=len(rows), met=met, below=len(rows) - met
            )
        )
        self.figures.fill(
            [
                (
                    r.trainee_name,
                    [
                        r.trainee_name,
                        fmt_decimal(r.hours),
                        self.tr("还差 {n}").format(n=fmt_decimal(r.target - r.hours))
                        if not r.meets_target
                        else self.tr("达标"),
                    ],
                    not r.meets_target,
                )
                for r in rows
            ]
        )

    def _trainee_clicked(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.figures.keys):
            self.list.search.setText(str(self.figures.keys[row]))
            self.list.search.returnPressed.emit()


# ---------------------------------------------------------------------------------------------------------
# 蹲点天数
# ---------------------------------------------------------------------------------------------------------


class CadreDaysBrowser(YearBrowser):
    kind = "cadre_days"
    default_sort = ("day", True)

    def noun(self) -> str:
        return self.tr("蹲点记录", "noun")

    def search_hint(self) -> str:
        return self.tr("搜索干部、村（社区）、工作内容")

    def service(self) -> Service:
        return self.ctx.cadre_days

    def describe(self, record: Any) -> str:
        return self.tr("{name} {day} 的蹲点记录").format(
            name=self.people.cadre_name(record.cadre_id), day=record.day.isoformat()
        )

    def fetch(self, query: ListQuery) -> Page[Any]:
        plain, year = without_year(query)
        return self.ctx.cadre_days.browse(plain, year=year)

    def _unit_of(self, cadre_id: uuid.UUID) -> str:
        cadre = self.people.cadres.get(cadre_id)
        return self.ctx.lookups.unit_name(cadre.unit_id) if cadre is not None else ""

    def columns(self) -> list[Column]:
        return [
            col(self.tr("日期"), "day", width=96),
            col(
                self.tr("干部"),
                "cadre_id",
                sortable=False,
                width=80,
                display=lambda d: self.people.cadre_name(d.cadre_id),
            ),
            col(
                self.tr("所属单位"),
                "cadre_id",
                sortable=False,
                width=110,
                display=lambda d: self._unit_of(d.cadre_id),
            ),
            community_col(self.ctx, self.tr("村（社区）"), width=90),
            col(self.tr("时长"), "kind", width=48),
            col(self.tr("工作内容"), "work", sortable=False),
        ]

    def filters(self) -> list[Filter]:
        return [
            self.year_filter(),
            Filter(
                "cadre_id",
                self.tr("全部干部"),
                lambda: self.people.cadre_choices(self.ctx.lookups.unit_name),
            ),
            Filter("community_id", self.tr("全部村（社区）"), self.ctx.lookups.community_choices),
            enum_filter("kind", CadreDayKind, self.tr("全天和半天")),
        ]

    def fields(self, record: Any | None) -> list[Field]:
        return [
            Field(
                "cadre_id",
                self.tr("联点干部"),
                "choice",
                required=True,
                choices=lambda: self.people.cadre_choices(self.ctx.lookups.unit_name),
                none_text=self.tr("（请选择）"),
            ),
            Field(
                "community_id",
                self.tr("蹲点村（社区）"),
                "choice",
                required=True,
                choices=self.ctx.lookups.community_choices,
                none_text=self.tr("（请选择）"),
            ),
            Field("day", self.tr("日期"), "date", required=True),
            Field("kind", self.tr("时长"), "choice", enum=CadreDayKind, default=CadreDayKind.FULL),
            Field("work", self.tr("工作内容"), "textarea", placeholder=self.tr("如：入户走访独居老人 6 户")),
        ]

    def open_form(self, record: Any | None) -> RecordForm | None:
        form = super().open_form(record)
        if form is None:
            return None
        current = self.list.model.state.filters.get("cadre_id")
        if current is not None:  # the list shows one cadre: the form starts with them
            form.set_value("cadre_id", current)

        def cadre_chosen(_index: int = 0) -> None:
            cadre = self.people.cadres.get(form.editors["cadre_id"].get())
            if cadre is not None and cadre.community_id in self.ctx.lookups.communities:
                form.set_value("community_id", cadre.community_id)

        form.editors["cadre_id"].combo.currentIndexChanged.connect(cadre_chosen)
        cadre_chosen()
        return form

    def create_record(self, values: dict[str, Any]) -> Any:
        v = dict(values)
        return self.ctx.cadre_days.record(v.pop("cadre_id"), v.pop("community_id"), v.pop("day"), **v)

    # -- days by cadre ---------------------------------------------------------------------------------
    def detail_panel(self) -> QWidget:
        self.figures = FiguresPanel([self.tr("干部"), self.tr("单位"), self.tr("天数"), self.tr("差额")])
        self.figures.hint.setText(
            self.tr("专职联点干部在全部村（社区）的蹲点天数，半天计 0.5 天。点击一人，在左侧列出其记录。")
        )
        self.figures.table.cellClicked.connect(self._cadre_clicked)
        return self.figures

    def read_figures(self, year: int) -> Callable[[], Any]:
        days, township_id = self.ctx.cadre_days, self.ctx.township_id

        def read() -> tuple[int, Decimal, list[CadreDays]]:
            target = Decimal(str(self.targets().cadre_days_year))
            return year, target, days.days_by_cadre(township_id, year, target)

        return read

    def show_figures(self, answer: tuple[int, Decimal, list[CadreDays]]) -> None:
        year, target, rows = answer
        self.figures.heading.setText(
            self.tr("{year} 年蹲点天数（目标每人 {target} 天）").format(year=year, target=fmt_decimal(target))
        )
        below = sum(1 for r in rows if r.shortfall > 0)
        self.figures.summary.setText(
            self.tr("专职干部 {n} 名：{met} 名达标，{below} 名未达标（红色）").format(
                n=len(rows), met=len(rows) - below, below=below
            )
        )
        self.figures.fill(
            [
                (
                    r.cadre_id,
                    [
                        r.name,
                        self.ctx.lookups.unit_name(r.unit_id),
                        fmt_decimal(r.days),
                        self.tr("还差 {n}").format(n=fmt_decimal(r.shortfall))
                        if r.shortfall
                        else self.tr("达标"),
                    ],
                    r.shortfall > 0,
                )
                for r in rows
            ]
        )

    def _cadre_clicked(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.figures.keys):
            self.list.set_filter("cadre_id", self.figures.keys[row])


# ---------------------------------------------------------------------------------------------------------
# 经费
# ---------------------------------------------------------------------------------------------------------


class FundsBrowser(YearBrowser):
    kind = "fund_entries"
    default_sort = ("entry_date", True)

    def __init__(self, ctx: AppContext, people: People, parent: QWidget | None = None) -> None:
        super().__init__(ctx, people, parent)
        self.summary_line = QLabel()
        self.summary_line.setObjectName("FundSummary")
        self.summary_line.setTextFormat(Qt.TextFormat.RichText)
        self.summary_line.setWordWrap(True)
        self.summary_line.setFont(app_font(11))
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.count() - 1, self.summary_line)
        self.summary: FundSummary | None = None

    def noun(self) -> str:
        return self.tr("经费记录", "noun")

    def search_hint(self) -> str:
        return self.tr("搜索用途、凭证号、村（社区）")

    def service(self) -> Service:
        return self.ctx.funds

    def describe(self, record: Any) -> str:
        return self.tr("{kind} {amount} 元（{community}）").format(
            kind=label(record.kind),
            amount=money(record.amount),
            community=self.ctx.lookups.community_name(record.community_id),
        )

    def fetch(self, query: ListQuery) -> Page[Any]:
        return self.ctx.funds.browse(query)  # the year is a column here

    def columns(self) -> list[Column]:
        return [
            col(self.tr("日期"), "entry_date", width=96),
            col(self.tr("年度"), "year", width=52),
            community_col(self.ctx, self.tr("村（社区）"), width=90),
            col(
                self.tr("类型"),
                "kind",
                width=70,
                color=lambda f: GREEN if f.kind == FundKind.ALLOCATION else None,
            ),
            col(self.tr("金额（元）"), "amount", align="right", width=110, display=lambda f: money(f.amount)),
            col(self.tr("用途"), "purpose", width=260),
            col(self.tr("凭证号"), "voucher_no", width=136),
            col(
                self.tr("联点单位"),
                "unit_id",
                sortable=False,
                display=lambda f: self.ctx.lookups.unit_name(f.unit_id),
            ),
        ]

    def filters(self) -> list[Filter]:
        return [
            self.year_filter(),
            Filter("community_id", self.tr("全部村（社区）"), self.ctx.lookups.community_choices),
            enum_filter("kind", FundKind, self.tr("拨付和支出")),
            Filter("unit_id", self.tr("全部单位"), self.ctx.lookups.unit_choices),
        ]

    def fields(self, record: Any | None) -> list[Field]:
        return [
            Field("kind", self.tr("类型"), "choice", enum=FundKind, default=FundKind.EXPENSE),
            Field(
                "community_id",
                self.tr("村（社区）"),
                "choice",
                required=True,
                choices=self.ctx.lookups.community_choices,
                none_text=self.tr("（请选择）"),
            ),
            Field(
                "year",
                self.tr("经费年度"),
                "int",
                minimum=2000,
                maximum=2100,
                default=self.list.model.state.filters.get(YEAR) or date.today().year,
            ),
            Field("amount", self.tr("金额（元）"), "number", required=True),
            Field("entry_date", self.tr("日期"), "date", required=True),
            Field("purpose", self.tr("用途"), hint=self.tr("支出必须填写用途")),
            Field("voucher_no", self.tr("凭证号")),
            Field(
                "unit_id",
                self.tr("联点单位"),
                "choice",
                choices=self.ctx.lookups.unit_choices,
                none_text=self.tr("（无）"),
                hint=self.tr("经费来自或用于某个联点单位时选择"),
            ),
        ]

    def create_record(self, values: dict[str, Any]) -> Any:
        v = dict(values)
        kind, funds = v.pop("kind"), self.ctx.funds
        community_id, year, amount, day = (
            v.pop("community_id"),
            v.pop("year"),
            v.pop("amount"),
            v.pop("entry_date"),
        )
        if kind == FundKind.ALLOCATION:
            return funds.allocate(community_id, year, amount, day, **v)
        return funds.spend(community_id, year, amount, day, v.pop("purpose"), **v)

    # -- the year's summary ----------------------------------------------------------------------------
    def read_figures(self, year: int) -> Callable[[], Any]:
        funds, township_id = self.ctx.funds, self.ctx.township_id
        community_id = self.list.model.state.filters.get("community_id")
        name = self.ctx.lookups.community_name(community_id) if community_id else ""

        def read() -> tuple[FundSummary, str]:
            targets = self.targets()
            where = (
                {"community_id": community_id} if community_id is not None else {"township_id": township_id}
            )
            summary = funds.summary(
                year,
                per_resident_target=Decimal(str(targets.fund_per_resident_year)),
                use_rate_target=Decimal(str(targets.fund_use_rate)),
                **where,
            )
            return summary, name

        return read

    def show_figures(self, answer: tuple[FundSummary, str]) -> None:
        s, community = answer
        self.summary = s
        e = html.escape

        def judged(text: str, ok: bool | None) -> str:
            colour = GREY if ok is None else (GREEN if ok else RED)
            return f"<b style='color:{colour.name()}'>{e(text)}</b>"

        scope = community or (self.ctx.township.name if self.ctx.township else "")
        use = (
            judged(percent(s.use_rate), s.meets_use_rate)
            if s.use_rate is not None
            else judged(self.tr("无拨付"), None)
        )
        per = (
            judged(self.tr("{n} 元").format(n=money(s.per_resident)), s.meets_per_resident)
            if s.per_resident is not None
            else judged(self.tr("人口未登记"), None)
        )
        parts = [
            e(self.tr("{year} 年 {scope}专项经费：").format(year=s.year, scope=scope)),
            e(self.tr("拨付 {a} 元，支出 {b} 元；").format(a=money(s.allocated), b=money(s.spent))),
            e(self.tr("使用率 ")) + use + e(self.tr("（目标 ≥ {t}）；").format(t=percent(s.use_rate_target))),
            e(self.tr("人均拨付 ")) + per,
            e(
                self.tr("（目标 ≥ {t} 元，常住人口 {p} 人）").format(
                    t=fmt_decimal(s.per_resident_target), p=s.population
                )
            ),
        ]
        self.summary_line.setText("".join(parts))

    def detail_panel(self) -> QWidget | None:
        return None


# ---------------------------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------------------------


def load_people(ctx: AppContext) -> People:
    """Runs on the read pool."""
    cadres = ctx.cadres.list(ListQuery(sort="name", limit=None)).rows
    township = ctx.township
    targets = load_settings(ctx.store, township.id if township else None).coverage
    return People({c.id: c for c in cadres}, targets)


class WorkforceScreen(Screen):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.people = People()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            page_header(
                self.tr("培训与蹲点"),
                self.tr(
                    "基层工作人员每年培训不少于 40 学时；专职联点干部每年蹲点不少于 30 天"
                    "（与志愿服务时长分开记录）；专项经费每人每年不少于 20 元，使用率不低于 85%。"
                ),
            )
        )
        self.tabs = QTabWidget()
        self.training = TrainingBrowser(ctx, self.people)
        self.days = CadreDaysBrowser(ctx, self.people)
        self.funds = FundsBrowser(ctx, self.people)
        self.browsers: list[YearBrowser] = [self.training, self.days, self.funds]
        self.tabs.addTab(self.training, self.tr("培训记录"))
        self.tabs.addTab(self.days, self.tr("蹲点天数"))
        self.tabs.addTab(self.funds, self.tr("经费"))
        layout.addWidget(self.tabs, 1)
        for browser in self.browsers:
            browser.loaded.connect(self._one_loaded)
        ctx.data_changed.connect(self._data_changed)

    def start(self) -> None:
        ctx = self.ctx

        def arrived(people: People) -> None:
            self.people.cadres, self.people.targets = people.cadres, people.targets
            for browser in self.browsers:
                browser.start()

        ctx.tasks.read(lambda: load_people(ctx), arrived, name="workforce_people")

    def _one_loaded(self) -> None:
        if all(b.is_loaded for b in self.browsers):
            self.mark_loaded()

    def _data_changed(self, kind: str) -> None:
        if kind == "cadres" and self.started:  # a cadre added or renamed on the org page
            ctx = self.ctx

            def arrived(people: People) -> None:
                self.people.cadres = people.cadres
                self.days.list.fill_filters()
                self.days.list.model.refresh_texts()

            ctx.tasks.read(lambda: load_people(ctx), arrived, name="workforce_people")

    def show_record(self, record_id: uuid.UUID) -> None:
        """From elsewhere: a training record."""
        self.tabs.setCurrentWidget(self.training)
        self.training.show_record(record_id)
