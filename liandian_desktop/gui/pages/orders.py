"""工单: the closed loop 群众点单 → 组织派单 → 单位接单 → 群众评单.

The buttons follow the ledger's transition table (``allowed_actions(status)``); each response deadline
counts down live (only the visible cells are repainted, once a minute); overdue orders are red; the detail
panel shows the order and its timeline (``WorkOrderService.history``).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.forms import Field, RecordForm
from liandian_desktop.gui.i18n import fmt_countdown, fmt_datetime, fmt_duration
from liandian_desktop.gui.listing import Column, Filter, col, enum_filter
from liandian_desktop.gui.qt import (
    QColor,
    QFormLayout,
    QFrame,
    QLabel,
    QTextBrowser,
    QTimer,
    QVBoxLayout,
    QWidget,
    translate,
)
from liandian_desktop.gui.screen import BrowserScreen, RecordAction, RecordBrowser
from liandian_desktop.gui.theme import AMBER, GREEN, GREY, RED, app_font
from liandian_desktop.gui.vocab import label
from liandian_desktop.ledger.models import (
    EvaluationSource,
    OrderAction,
    OrderStatus,
    Resolution,
    Satisfaction,
    Urgency,
    WorkOrder,
)
from liandian_desktop.ledger.services.base import Service
from liandian_desktop.ledger.services.orders import allowed_actions, response_deadline

COUNTDOWN_INTERVAL_MS = 60_000
DUE_SOON = timedelta(hours=4)
_WAITING = (OrderStatus.DISPATCHED, OrderStatus.ACCEPTED)
_CLOSED = (OrderStatus.WITHDRAWN, OrderStatus.INVALID)


def response_text(order: WorkOrder, now: datetime) -> tuple[str, QColor | None]:
    """The response column: a live countdown while waiting for the first contact, else how it went."""
    deadline = response_deadline(order)
    if order.status in _CLOSED:
        return "—", GREY
    if deadline is None:
        return translate("Orders", "未派单"), GREY
    if order.first_contact_at is None:
        if order.status not in _WAITING:
            return "—", GREY
        text, overdue = fmt_countdown(deadline, now)
        if overdue:
            return text, RED
        return text, AMBER if deadline - now <= DUE_SOON else None
    assert order.dispatched_at is not None
    took = fmt_duration(order.first_contact_at - order.dispatched_at)
    if order.first_contact_at > deadline:
        return translate("Orders", "超时响应 {took}").format(took=took), RED
    return translate("Orders", "已响应 {took}").format(took=took), GREEN


class OrdersBrowser(RecordBrowser):
    kind = "work_orders"
    can_edit = False  # an order changes only through the steps of the loop
    default_sort = ("ordered_at", True)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, header: bool = False) -> None:
        super().__init__(ctx, parent, header=header)
        self.countdown = QTimer(self)
        self.countdown.setInterval(COUNTDOWN_INTERVAL_MS)
        self.countdown.timeout.connect(self.tick)
        self.countdown.start()

    def noun(self) -> str:
        return self.tr("工单", "noun")

    def title(self) -> str:
        return self.tr("工单")

    def hint(self) -> str:
        return self.tr("群众点单 → 组织派单 → 单位接单 → 群众评单；超时未响应的工单以红色显示。")

    def search_hint(self) -> str:
        return self.tr("搜索编号、标题、点单人")

    def service(self) -> Service:
        return self.ctx.orders

    def describe(self, record: Any) -> str:
        return self.tr("工单 {code}（{title}）").format(code=record.code, title=record.title)

    # -- list ----------------------------------------------------------------------------------------
    def columns(self) -> list[Column]:
        return [
            col(self.tr("编号"), "code", width=136),
            col(self.tr("标题"), "title", width=128),
            col(
                self.tr("村（社区）"),
                "community_id",
                sortable=False,
                display=lambda o: self.ctx.lookups.community_name(o.community_id),
                width=84,
            ),
            col(
                self.tr("紧急"),
                "urgency",
                width=52,
                color=lambda o: RED if o.urgency == Urgency.CRITICAL else None,
            ),
            col(self.tr("状态"), "status", width=60, color=lambda o: GREY if o.status in _CLOSED else None),
            col(
                self.tr("承办单位"),
                "unit_id",
                sortable=False,
                display=lambda o: self.ctx.lookups.unit_name(o.unit_id),
                width=86,
            ),
            col(self.tr("点单时间"), "ordered_at", width=118),
            Column(
                self.tr("响应时限"),
                lambda o: response_deadline(o),
                display=lambda o: response_text(o, self.ctx.now())[0],
                color=lambda o: response_text(o, self.ctx.now())[1],
                live=True,
                width=120,
            ),
        ]

    def filters(self) -> list[Filter]:
        return [
            enum_filter("status", OrderStatus, self.tr("全部状态")),
            Filter("community_id", self.tr("全部村（社区）"), self.ctx.lookups.community_choices),
            enum_filter("urgency", Urgency, self.tr("全部紧急程度")),
        ]

    def tick(self) -> None:
        """Once a minute: repaint the countdowns that are on screen, and the detail's."""
        first, last = self.list.visible_rows()
        self.list.model.refresh_live(first, last)
        self.detail.refresh_deadline()

    # -- create --------------------------------------------------------------------------------------
    def fields(self, record: Any | None) -> list[Field]:
        return [
            Field(
                "community_id",
                self.tr("村（社区）"),
                "choice",
                required=True,
                choices=self.ctx.lookups.community_choices,
                none_text=self.tr("（请选择）"),
            ),
            Field("title", self.tr("工单标题"), required=True, placeholder=self.tr("例如：3 栋路灯不亮")),
            Field("requester_name", self.tr("点单人"), placeholder=self.tr("居民或社区联系人姓名")),
            Field("requester_phone", self.tr("联系电话")),
            Field(
                "category_id",
                self.tr("需求类别"),
                "choice",
                choices=self.ctx.lookups.category_choices,
                none_text=self.tr("（不选）"),
            ),
            Field("urgency", self.tr("紧急程度"), "choice", enum=Urgency, default=Urgency.NORMAL),
            Field("description", self.tr("需求描述"), "textarea"),
            Field(
                "ordered_at",
                self.tr("点单时间"),
                "when",
                hint=self.tr("从纸质登记表补录时，取消勾选并填写当时的时间"),
            ),
        ]

    def create_record(self, values: dict[str, Any]) -> Any:
        return self.ctx.orders.create(self.ctx.township_id, actor=self.ctx.actor(), **values)

    # -- the loop --------------------------------------------------------------------------------------
    def record_actions(self) -> list[RecordAction]:
        def step(action: OrderAction, run: Callable[[Any], None]) -> RecordAction:
            return RecordAction(
                label(action),
                run,
                enabled=lambda o: o is not None and action in allowed_actions(o.status),
                name=action.value,
            )

        return [
            step(OrderAction.DISPATCH, self.dispatch),
            step(OrderAction.REDISPATCH, self.redispatch),
            step(OrderAction.ACCEPT, self.accept),
            step(OrderAction.FIRST_CONTACT, self.first_contact),
            step(OrderAction.RESOLVE, self.resolve),
            step(OrderAction.EVALUATE, self.evaluate),
            step(OrderAction.REOPEN, self.reopen),
            step(OrderAction.WITHDRAW, self.withdraw),
            step(OrderAction.INVALIDATE, self.invalidate),
            RecordAction(
                self.tr("打印测评表"),
                self._print_evaluation,
                enabled=lambda o: o is not None and o.status == OrderStatus.RESOLVED,
                name="print_evaluation",
            ),
        ]

    def _print_evaluation(self, order: WorkOrder) -> None:
        from liandian_desktop.gui.pages.paper import open_paper

        open_paper(self, self.ctx, "evaluation-order", order)

    def _step_form(
        self,
        order: WorkOrder,
        action: OrderAction,
        fields: list[Field],
        submit: Callable[[dict[str, Any]], Any],
    ) -> RecordForm:
        title = self.tr("{action}：{what}").format(action=label(action), what=self.describe(order))
        order_id = order.id
        orders = self.ctx.orders

        def run(values: dict[str, Any]) -> Any:
            result = submit(values)
            return result if isinstance(result, WorkOrder) else orders.get(order_id)

        form = RecordForm(self, self.ctx.tasks, title, fields, run, save_text=label(action))
        form.saved.connect(self.record_saved)
        self.last_dialog = form
        form.open()
        return form

    def _when(self) -> Field:
        return Field("at", self.tr("时间"), "when", hint=self.tr("从纸质材料补录时，取消勾选并填写实际时间"))

    def _unit_choices(self, paired: list[Any]) -> list[tuple[object, str]]:
        paired_ids = {u.id for u in paired}
        first = [(u.id, self.tr("{name}（结对单位）").format(name=u.name)) for u in paired]
        rest = [(uid, name) for uid, name in self.ctx.lookups.unit_choices() if uid not in paired_ids]
        return first + rest

    def dispatch(self, order: WorkOrder) -> None:
        pairings, orders, actor = self.ctx.pairings, self.ctx.orders, self.ctx.actor()

        def open_form(paired: list[Any]) -> None:
            fields = [
                Field(
                    "unit_id",
                    self.tr("承办单位"),
                    "choice",
                    required=True,
                    choices=self._unit_choices(paired),
                    hint=self.tr("与该村（社区）结对的单位排在前面"),
                ),
                Field(
                    "response_limit_hours",
                    self.tr("响应时限（小时）"),
                    "int",
                    minimum=1,
                    maximum=720,
                    default=self.ctx.settings.response_limit_hours,
                ),
                self._when(),
                Field("note", self.tr("派单说明"), "textarea"),
            ]
            self._step_form(
                order, OrderAction.DISPATCH, fields, lambda v: orders.dispatch(order.id, actor=actor, **v)
            )

        self.ctx.tasks.read(lambda: pairings.units_of(order.community_id), open_form, self.show_error)

    def redispatch(self, order: WorkOrder) -> None:
        pairings, orders, actor = self.ctx.pairings, self.ctx.orders, self.ctx.actor()

        def open_form(paired: list[Any]) -> None:
            choices = [c for c in self._unit_choices(paired) if c[0] != order.unit_id]
            fields = [
                Field("unit_id", self.tr("改派给"), "choice", required=True, choices=choices),
                Field("reason", self.tr("改派原因"), "textarea", required=True),
                self._when(),
            ]
            self._step_form(
                order, OrderAction.REDISPATCH, fields, lambda v: orders.redispatch(order.id, actor=actor, **v)
            )

        self.ctx.tasks.read(lambda: pairings.units_of(order.community_id), open_form, self.show_error)

    def accept(self, order: WorkOrder) -> None:
        orders, actor = self.ctx.orders, self.ctx.actor()
        self._step_form(
            order, OrderAction.ACCEPT, [self._when()], lambda v: orders.accept(order.id, actor=actor, **v)
        )

    def first_contact(self, order: WorkOrder) -> None:
        orders, actor = self.ctx.orders, self.ctx.actor()
        fields = [
            self._when(),
            Field(
                "note", self.tr("联系情况"), "textarea", placeholder=self.tr("如：电话联系居民，约定上门时间")
            ),
        ]
        self._step_form(
            order,
            OrderAction.FIRST_CONTACT,
            fields,
            lambda v: orders.record_first_contact(order.id, actor=actor, **v),
        )

    def resolve(self, order: WorkOrder) -> None:
        orders, actor = self.ctx.orders, self.ctx.actor()
        fields = [Field("note", self.tr("办理结果"), "textarea", required=True), self._when()]
        self._step_form(
            order, OrderAction.RESOLVE, fields, lambda v: orders.resolve(order.id, actor=actor, **v)
        )

    def evaluate(self, order: WorkOrder) -> None:
        orders, actor = self.ctx.orders, self.ctx.actor()
        fields = [
            Field(
                "satisfaction",
                self.tr("满意度"),
                "choice",
                enum=Satisfaction,
                required=True,
                default=Satisfaction.SATISFIED,
            ),
            Field(
                "resolution",
                self.tr("解决情况"),
                "choice",
                enum=Resolution,
                required=True,
                default=Resolution.RESOLVED,
            ),
            Field(
                "source", self.tr("测评方式"), "choice", enum=EvaluationSource, default=EvaluationSource.PAPER
            ),
            Field("comment", self.tr("居民意见"), "textarea"),
            self._when(),
        ]
        self._step_form(
            order, OrderAction.EVALUATE, fields, lambda v: orders.evaluate(order.id, actor=actor, **v)
        )

    def _with_reason(
        self, order: WorkOrder, action: OrderAction, call: Callable[..., Any], reason: str
    ) -> None:
        actor = self.ctx.actor()
        fields = [Field("reason", reason, "textarea", required=True), self._when()]
        self._step_form(order, action, fields, lambda v: call(order.id, actor=actor, **v))

    def reopen(self, order: WorkOrder) -> None:
        self._with_reason(order, OrderAction.REOPEN, self.ctx.orders.reopen, self.tr("重新办理的原因"))

    def withdraw(self, order: WorkOrder) -> None:
        self._with_reason(order, OrderAction.WITHDRAW, self.ctx.orders.withdraw, self.tr("撤回原因"))

    def invalidate(self, order: WorkOrder) -> None:
        self._with_reason(order, OrderAction.INVALIDATE, self.ctx.orders.invalidate, self.tr("作废原因"))

    # -- detail ----------------------------------------------------------------------------------------
    def detail_panel(self) -> QWidget:
        self.detail = OrderDetail(self.ctx)
        return self.detail

    def show_detail(self, record: Any | None) -> None:
        self.detail.show_order(record)


class OrderDetail(QFrame):
    """The selected order: its facts, its response deadline (live), and its timeline."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.order: WorkOrder | None = None
        self.setObjectName("Card")
        self.setMinimumWidth(300)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        self.heading = QLabel(self.tr("选择一张工单查看详情"))
        self.heading.setFont(app_font(12, bold=True))
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        facts = QFormLayout()
        facts.setHorizontalSpacing(10)
        facts.setVerticalSpacing(4)
        self.values: dict[str, QLabel] = {}
        for key, text in (
            ("status", self.tr("状态")),
            ("community", self.tr("村（社区）")),
            ("requester", self.tr("点单人")),
            ("unit", self.tr("承办单位")),
            ("deadline", self.tr("响应时限")),
            ("description", self.tr("需求描述")),
            ("result", self.tr("办理结果")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setObjectName(f"detail_{key}")
            self.values[key] = value
            facts.addRow(text, value)
        layout.addLayout(facts)
        timeline_title = QLabel(self.tr("办理过程"))
        timeline_title.setFont(app_font(10.5, bold=True))
        layout.addWidget(timeline_title)
        self.timeline = QTextBrowser()
        self.timeline.setObjectName("Timeline")
        self.timeline.setOpenLinks(False)
        self.events: list[tuple[str, str, str]] = []  # (time, step, note) as shown
        layout.addWidget(self.timeline, 1)
        self.show_order(None)

    def show_order(self, order: WorkOrder | None) -> None:
        self.order = order
        self.show_events([])
        if order is None:
            self.heading.setText(self.tr("选择一张工单查看详情"))
            for value in self.values.values():
                value.clear()
            return
        lookups = self.ctx.lookups
        self.heading.setText(f"{order.code}  {order.title}")
        self.values["status"].setText(label(order.status))
        self.values["community"].setText(lookups.community_name(order.community_id))
        requester = order.requester_name + (f"（{order.requester_phone}）" if order.requester_phone else "")
        self.values["requester"].setText(requester)
        self.values["unit"].setText(lookups.unit_name(order.unit_id) or self.tr("（未派单）"))
        self.values["description"].setText(order.description or "—")
        result = order.resolution_note or order.closed_reason or "—"
        self.values["result"].setText(result)
        self.refresh_deadline()
        order_id = order.id
        orders = self.ctx.orders

        def arrived(events: list[Any]) -> None:
            if self.order is None or self.order.id != order_id:
                return  # another order was selected meanwhile
            shown = []
            for event in events:
                note = event.note
                unit = lookups.unit_name(event.unit_id)
                dispatching = event.action in (OrderAction.DISPATCH, OrderAction.REDISPATCH)
                if dispatching and unit and unit not in note:
                    note = f"{unit}　{note}".strip()
                shown.append((fmt_datetime(event.at), label(event.action), note))
            self.show_events(shown)

        self.ctx.tasks.read(lambda: orders.history(order_id), arrived, name="order_history")

    def show_events(self, events: list[tuple[str, str, str]]) -> None:
        self.events = events
        rows = "".join(
            f"<tr><td style='color:#6b7280; padding-right:8px; white-space:nowrap'>{html.escape(when)}</td>"
            f"<td style='padding-right:8px; white-space:nowrap'><b>{html.escape(step)}</b></td>"
            f"<td>{html.escape(note)}</td></tr>"
            for when, step, note in events
        )
        self.timeline.setHtml(f"<table cellspacing='0' cellpadding='3'>{rows}</table>")

    def refresh_deadline(self) -> None:
        if self.order is None:
            return
        text, colour = response_text(self.order, self.ctx.now())
        deadline = response_deadline(self.order)
        if deadline is not None:
            text = f"{text}\n" + self.tr("截止 {when}").format(when=fmt_datetime(deadline))
        value = self.values["deadline"]
        value.setText(text)
        value.setStyleSheet(f"color: {colour.name()};" if colour is not None else "")


class OrdersScreen(BrowserScreen):
    browser_class = OrdersBrowser
