"""满意度测评: residents' ratings of work orders and activities, keyed from paper, phone calls or a third
party. The line above the list gives the 满意率 of exactly what the list shows (the ledger counts it).

An activity's evaluation is entered here, one paper form after another; a work order's is entered on the
order itself (评单 closes its loop), and the list links to it.
"""

from __future__ import annotations

import html
import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.forms import Field, RecordForm
from liandian_desktop.gui.i18n import fmt_datetime, fmt_decimal
from liandian_desktop.gui.listing import Column, Filter, enum_filter
from liandian_desktop.gui.qt import (
    QComboBox,
    QFrame,
    QLabel,
    Qt,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    translate,
)
from liandian_desktop.gui.screen import BrowserScreen, RecordAction, RecordBrowser
from liandian_desktop.gui.theme import GREEN, GREY, RED, app_font
from liandian_desktop.gui.vocab import label
from liandian_desktop.kpi.periods import parse_period
from liandian_desktop.kpi.settings import load_settings
from liandian_desktop.ledger.models import (
    Activity,
    EvaluationSource,
    Resolution,
    Satisfaction,
)
from liandian_desktop.ledger.services.activities import EvaluationLine, SatisfactionTally
from liandian_desktop.ledger.services.base import ListQuery, Page, Service
from liandian_desktop.ledger.validation import quarter_bounds, quarter_of

# Keys of the filter bar that are not columns: the service reads them as arguments.
PERIOD, SUBJECT = "period", "subject"
ACTIVITY_CHOICES = 600  # the latest activities offered in the entry form
_UNHAPPY = (Satisfaction.DISSATISFIED, Satisfaction.VERY_DISSATISFIED)


def period_choices(today: date) -> list[tuple[object, str]]:
    """This and last month, quarter and year, as the period texts the KPI module reads."""
    first = today.replace(day=1)
    last_month = first - timedelta(days=1)
    quarter = quarter_of(today)
    previous_quarter = quarter_of(quarter_bounds(quarter)[0] - timedelta(days=1))
    return [
        (f"{today:%Y-%m}", translate("Evaluations", "本月")),
        (f"{last_month:%Y-%m}", translate("Evaluations", "上月")),
        (quarter, translate("Evaluations", "本季度")),
        (previous_quarter, translate("Evaluations", "上季度")),
        (str(today.year), translate("Evaluations", "今年")),
        (str(today.year - 1), translate("Evaluations", "去年")),
    ]


def split_query(query: ListQuery) -> tuple[ListQuery, dict[str, Any]]:
    """The query without the period and subject choices, and those as the service's arguments."""
    filters = dict(query.filters)
    period, subject = filters.pop(PERIOD, None), filters.pop(SUBJECT, None)
    args: dict[str, Any] = {"subject": subject}
    if period is not None:
        span = parse_period(str(period))
        args.update(start=span.start_instant, end=span.end_instant)
    return ListQuery(
        search=query.search,
        filters=filters,
        sort=query.sort,
        descending=query.descending,
        offset=query.offset,
        limit=query.limit,
    ), args


def ecol(header: str, attr: str, *, sortable: bool = True, **kwargs: Any) -> Column:
    """A column of the evaluation itself (the row is an EvaluationLine)."""
    return Column(header, lambda e: getattr(e.evaluation, attr), sort=attr if sortable else None, **kwargs)


def make_searchable(combo: QComboBox) -> None:
    """Let the user type part of an entry (an activity code, a word of its title) to find it."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = combo.completer()
    if completer is None:
        return
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(completer.CompletionMode.PopupCompletion)
    completer.activated.connect(lambda text: combo.setCurrentIndex(combo.findText(text)))

    def settle() -> None:  # typed text that is no entry goes back to the entry chosen
        index = combo.findText(combo.currentText())
        if index >= 0:
            combo.setCurrentIndex(index)
        else:
            combo.setEditText(combo.itemText(combo.currentIndex()))

    line = combo.lineEdit()
    if line is not None:
        line.editingFinished.connect(settle)


class EvaluationsBrowser(RecordBrowser):
    kind = "evaluations"
    can_create = False  # 录入活动测评 (a work order is evaluated on the order)
    can_edit = False  # a rating is what the resident wrote: a mistake is deleted and keyed again
    default_sort = ("evaluated_at", True)
    detail_width = 300

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, header: bool = False) -> None:
        super().__init__(ctx, parent, header=header)
        self.target = Decimal("0.85")
        self.tally: SatisfactionTally | None = None
        self.rate_line = QLabel()
        self.rate_line.setObjectName("SatisfactionLine")
        self.rate_line.setFont(app_font(11.5, bold=True))
        self.rate_line.setTextFormat(Qt.TextFormat.RichText)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.count() - 1, self.rate_line)
        self.list.model.loaded.connect(lambda _total: self.refresh_tally())
        # saved, deleted or restored here (the rows change without a reload), or an order evaluated
        ctx.data_changed.connect(lambda kind: self.refresh_tally() if kind == self.kind else None)
        self.activities: list[Activity] = []
        self._tally_asked = 0
        delete = self.buttons["delete"]  # after the entry button: entering is what this page is for
        self.list.toolbar.removeWidget(delete)
        self.list.toolbar.addWidget(delete)

    def noun(self) -> str:
        return self.tr("测评", "noun")

    def title(self) -> str:
        return self.tr("满意度测评")

    def hint(self) -> str:
        return self.tr(
            "居民对工单和活动的评价。活动测评在此逐张录入；工单测评在“工单”页评单。"
            "满意率 =（非常满意 + 满意 + 基本满意）÷ 有效测评。"
        )

    def search_hint(self) -> str:
        return self.tr("搜索编号、名称、居民意见")

    def service(self) -> Service:
        return self.ctx.evaluations

    def describe(self, record: Any) -> str:
        return self.tr("对“{title}”的测评").format(title=record.subject_title)

    def fetch(self, query: ListQuery) -> Page[Any]:
        evaluations = self.ctx.evaluations
        plain, args = split_query(query)
        page = evaluations.browse(plain, **args)
        return Page[Any](evaluations.describe(page.rows), page.total)

    def _line(self, evaluation_id: uuid.UUID) -> EvaluationLine:
        """Writer thread: the evaluation as the list shows it."""
        return self.ctx.evaluations.describe([self.ctx.evaluations.get(evaluation_id)])[0]

    # -- the list --------------------------------------------------------------------------------------
    def columns(self) -> list[Column]:
        def grey(e: EvaluationLine) -> Any:
            return GREY if e.excluded else None

        return [
            ecol(self.tr("测评时间"), "evaluated_at", width=118, color=grey),
            Column(
                self.tr("对象"),
                lambda e: e.evaluation.work_order_id is not None,
                display=lambda e: self.tr("工单") if e.evaluation.work_order_id else self.tr("活动"),
                width=44,
                color=grey,
            ),
            Column(
                self.tr("工单 / 活动"),
                lambda e: e.subject_title,
                width=220,
                color=grey,
                tooltip=lambda e: self._excluded_note(e) or f"{e.subject_code}  {e.subject_title}",
            ),
            ecol(
                self.tr("村（社区）"),
                "community_id",
                sortable=False,
                width=84,
                display=lambda e: self.ctx.lookups.community_name(e.evaluation.community_id),
                color=grey,
            ),
            ecol(
                self.tr("满意度"),
                "satisfaction",
                width=104,
                color=lambda e: (
                    GREY if e.excluded else (RED if e.evaluation.satisfaction in _UNHAPPY else None)
                ),
            ),
            ecol(
                self.tr("解决情况"),
                "resolution",
                width=80,
                color=lambda e: (
                    GREY
                    if e.excluded
                    else (RED if e.evaluation.resolution == Resolution.UNRESOLVED else None)
                ),
            ),
            ecol(self.tr("测评方式"), "source", width=82, color=grey),
            ecol(self.tr("居民意见"), "comment", sortable=False, color=grey),
        ]

    def filters(self) -> list[Filter]:
        return [
            Filter(
                SUBJECT,
                self.tr("工单和活动"),
                lambda: [("order", self.tr("工单测评")), ("activity", self.tr("活动测评"))],
            ),
            Filter(PERIOD, self.tr("全部时间"), lambda: period_choices(date.today())),
            enum_filter("satisfaction", Satisfaction, self.tr("全部满意度")),
            enum_filter("source", EvaluationSource, self.tr("全部测评方式")),
            Filter("community_id", self.tr("全部村（社区）"), self.ctx.lookups.community_choices),
        ]

    def _excluded_note(self, line: EvaluationLine) -> str:
        if not line.excluded:
            return ""
        return self.tr("所属工单{status}，不计入满意率").format(status=label(line.order_status))

    # -- the rate of what is shown ---------------------------------------------------------------------
    def refresh_tally(self) -> None:
        """Ask the ledger for the 满意率 of the list as it is filtered now (every page, not just those
        loaded)."""
        evaluations, store = self.ctx.evaluations, self.ctx.store
        plain, args = split_query(self.list.model.query(0))
        township_id = self.ctx.township.id if self.ctx.township is not None else None
        self._tally_asked += 1
        asked = self._tally_asked

        def read() -> tuple[SatisfactionTally, Decimal]:
            target = Decimal(str(load_settings(store, township_id).targets.satisfaction_rate))
            return evaluations.tally(plain, **args), target

        def arrived(answer: tuple[SatisfactionTally, Decimal]) -> None:
            if asked == self._tally_asked:  # else the filters changed meanwhile: a newer answer comes
                self.show_tally(*answer)

        self.ctx.tasks.read(read, arrived, self.show_error, name="satisfaction_tally")

    def show_tally(self, tally: SatisfactionTally, target: Decimal) -> None:
        self.tally, self.target = tally, target
        rate = tally.rate
        if rate is None:
            text = self.tr("满意率：当前条件下没有有效测评")
            colour = GREY
        else:
            text = self.tr("满意率 {rate}　（满意 {ok} ÷ 有效测评 {n}；目标 ≥ {target}）").format(
                rate=percent(rate), ok=tally.satisfied, n=tally.valid, target=percent(target)
            )
            colour = GREEN if rate >= target else RED
        if tally.excluded:
            text += self.tr("　另有 {n} 条所属工单已撤回或作废，不计入").format(n=tally.excluded)
        self.rate_line.setText(f"<span style='color:{colour.name()}'>{html.escape(text)}</span>")
        self.rate_line.setToolTip(
            self.tr(
                "按当前列表的筛选和搜索条件逐条统计。考核指标页的满意率按每张工单最后一次测评计，"
                "两者口径不同。"
            )
        )

    # -- entering an activity's evaluation ----------------------------------------------------------------
    def record_actions(self) -> list[RecordAction]:
        return [
            RecordAction(
                self.tr("录入活动测评"),
                lambda _r: self.enter(),
                enabled=lambda _r: self.ctx.township is not None,
                shortcut="Ctrl+N",
                name="new",
                tooltip=self.tr("按纸质测评表逐张录入"),
            ),
            RecordAction(
                self.tr("查看工单"),
                lambda e: self.ctx.navigate("orders", e.evaluation.work_order_id),
                enabled=lambda e: e is not None and e.evaluation.work_order_id is not None,
                name="open_order",
            ),
            RecordAction(
                self.tr("查看活动"),
                lambda e: self.ctx.navigate("activities", e.evaluation.activity_id),
                enabled=lambda e: e is not None and e.evaluation.activity_id is not None,
                name="open_activity",
            ),
        ]

    def _update_actions(self, record: Any) -> None:
        super()._update_actions(record)
        # an order's evaluation belongs to the order's loop (reopen and evaluate again there)
        own = record is not None and record.evaluation.activity_id is not None
        self.buttons["delete"].setEnabled(own)
        self.buttons["delete"].setToolTip(
            "" if record is None or own else self.tr("工单的测评随工单办理，请在“工单”页重新办理后再评单")
        )

    def delete(self, record: Any) -> None:
        if record is not None and record.evaluation.activity_id is not None:
            super().delete(record)

    def restore_record(self, record_id: uuid.UUID) -> Any:
        self.ctx.evaluations.restore(record_id)
        return self._line(record_id)

    def enter(self, activity_id: uuid.UUID | None = None, source: EvaluationSource | None = None) -> None:
        """Open the entry form; the activities are read first (the latest ones that have begun)."""
        activities, township_id, now = self.ctx.activities, self.ctx.township_id, self.ctx.now()
        if activity_id is None:
            current = self.current()
            if current is not None and current.evaluation.activity_id is not None:
                activity_id = current.evaluation.activity_id

        def read() -> list[Activity]:
            query = ListQuery(
                filters={"township_id": township_id},
                sort="starts_at",
                descending=True,
                limit=ACTIVITY_CHOICES,
            )
            return [a for a in activities.list(query).rows if a.starts_at <= now]

        def arrived(rows: list[Activity]) -> None:
            self.activities = rows
            self.open_form(None)
            form = self.last_dialog
            if isinstance(form, RecordForm):
                if activity_id is not None:
                    form.set_value("activity_id", activity_id)
                if source is not None:
                    form.set_value("source", source)
                form.editor("satisfaction" if activity_id is not None else "activity_id").setFocus()

        self.ctx.tasks.read(read, arrived, self.show_error, name="evaluation_activities")

    def fields(self, record: Any | None) -> list[Field]:
        return [
            Field(
                "activity_id",
                self.tr("活动"),
                "choice",
                required=True,
                choices=[
                    (a.id, f"{a.code}  {a.title}（{fmt_datetime(a.starts_at)[:10]}）")
                    for a in self.activities
                ],
                none_text=self.tr("（请选择，可输入编号或名称查找）"),
            ),
            Field(
                "satisfaction",
                self.tr("满意度"),
                "choice",
                required=True,
                enum=Satisfaction,
                none_text=self.tr("（请选择）"),
            ),
            Field(
                "resolution", self.tr("解决情况"), "choice", enum=Resolution, none_text=self.tr("（不填）")
            ),
            Field(
                "source", self.tr("测评方式"), "choice", enum=EvaluationSource, default=EvaluationSource.PAPER
            ),
            Field(
                "evaluated_at",
                self.tr("测评时间"),
                "when",
                hint=self.tr("从纸质测评表补录时，取消勾选并填写测评时间"),
            ),
            Field("comment", self.tr("居民意见"), "textarea"),
            Field("again", self.tr("保存后继续录入同一活动"), "bool", default=True),
        ]

    def open_form(self, record: Any | None) -> RecordForm | None:
        form = super().open_form(record)
        if form is not None:
            make_searchable(form.editors["activity_id"].combo)
            form.editors["activity_id"].combo.setMinimumWidth(420)
            form.saved.connect(lambda line: self._entered(form, line))
        return form

    def create_record(self, values: dict[str, Any]) -> Any:
        v = {k: val for k, val in values.items() if k != "again"}
        evaluation = self.ctx.evaluations.record(
            satisfaction=v["satisfaction"],
            evaluated_at=v["evaluated_at"] or self.ctx.now(),
            activity_id=v["activity_id"],
            resolution=v["resolution"],
            comment=v["comment"],
            source=v["source"],
        )
        return self._line(evaluation.id)

    def _entered(self, form: RecordForm, line: EvaluationLine) -> None:
        """After a save: the next paper form of the same activity, when asked for."""
        if form.editors["again"].get():
            self.ctx.message.emit(self.tr("已录入一张测评表，请录入下一张"))
            self.enter(line.evaluation.activity_id, form.editors["source"].get())

    # -- detail ----------------------------------------------------------------------------------------
    def detail_panel(self) -> QWidget:
        self.detail = EvaluationDetail()
        return self.detail

    def show_detail(self, record: Any | None) -> None:
        self.detail.show_line(record, self.ctx.lookups.community_name, self._excluded_note)


def percent(value: Decimal) -> str:
    """0.9024 → '90.2%', 0.85 → '85%'."""
    return f"{fmt_decimal((value * 100).quantize(Decimal('0.1')))}%"


class EvaluationDetail(QFrame):
    """The selected evaluation in full: what was rated, the ratings, and the resident's words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.setMinimumWidth(260)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        self.heading = QLabel(self.tr("选择一条测评查看详情"))
        self.heading.setFont(app_font(12, bold=True))
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.text = QTextBrowser()
        self.text.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(self.text, 1)

    def show_line(self, line: EvaluationLine | None, community: Any, excluded: Any) -> None:
        if line is None:
            self.heading.setText(self.tr("选择一条测评查看详情"))
            self.text.clear()
            return
        e = line.evaluation
        self.heading.setText(line.subject_title)
        subject = self.tr("工单 {code}") if e.work_order_id else self.tr("活动 {code}")
        facts = [
            (self.tr("对象"), subject.format(code=line.subject_code)),
            (self.tr("村（社区）"), community(e.community_id)),
            (self.tr("满意度"), label(e.satisfaction)),
            (self.tr("解决情况"), label(e.resolution) or self.tr("未填")),
            (self.tr("测评方式"), label(e.source)),
            (self.tr("测评时间"), fmt_datetime(e.evaluated_at)),
        ]
        if e.form_version:
            facts.append((self.tr("测评表版本"), e.form_version))
        rows = "".join(
            f"<tr><td style='color:#6b7280; padding-right:10px; white-space:nowrap'>{html.escape(k)}</td>"
            f"<td>{html.escape(v)}</td></tr>"
            for k, v in facts
        )
        note = excluded(line)
        comment = html.escape(e.comment) if e.comment else html.escape(self.tr("（无意见）"))
        comment_label = html.escape(self.tr("居民意见"))
        self.text.setHtml(
            f"<table cellspacing='0' cellpadding='3'>{rows}</table>"
            + (f"<p style='color:#6b7280'>{html.escape(note)}</p>" if note else "")
            + f"<p style='color:#6b7280; margin-top:10px'>{comment_label}</p>"
            + f"<p>{comment}</p>"
        )


class EvaluationsScreen(BrowserScreen):
    browser_class = EvaluationsBrowser

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._stale = False
        ctx.data_changed.connect(self._data_changed)

    def _data_changed(self, kind: str) -> None:
        if kind in ("work_orders", "activities"):  # an order evaluated, an activity deleted
            self._stale = True

    def refresh(self) -> None:
        if self._stale and self.browser.is_loaded:
            self._stale = False
            self.browser.list.reload()
