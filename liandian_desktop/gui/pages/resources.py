"""资源池: what units and communities offer (spaces, equipment, vehicles, goods), and the bookings and loans
of it. The ledger refuses a booking that would commit more items than the offer has at some moment (a
double booking); its message appears in the booking form."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.forms import Field, RecordForm, to_aware
from liandian_desktop.gui.listing import Column, Filter, col, community_col, enum_filter
from liandian_desktop.gui.qt import QDateTime, QTabWidget, QVBoxLayout, QWidget
from liandian_desktop.gui.screen import RecordAction, RecordBrowser, Screen
from liandian_desktop.gui.theme import GREY, RED
from liandian_desktop.gui.vocab import label
from liandian_desktop.gui.widgets import page_header
from liandian_desktop.ledger.models import Booking, BookingKind, BookingStatus, ResourceKind, ResourceOffer
from liandian_desktop.ledger.services.base import ListQuery, Service


class Offers:
    """The township's offers by id (a few hundred at most), for showing a booking's resource by name."""

    def __init__(self) -> None:
        self.by_id: dict[uuid.UUID, ResourceOffer] = {}

    def name(self, offer_id: uuid.UUID) -> str:
        offer = self.by_id.get(offer_id)
        return offer.name if offer is not None else ""

    def choices(self, *, active_only: bool = False) -> list[tuple[object, str]]:
        offers = sorted(self.by_id.values(), key=lambda o: o.name)
        return [(o.id, o.name) for o in offers if o.active or not active_only]


class OffersBrowser(RecordBrowser):
    kind = "resource_offers"
    default_sort = ("name", False)

    def __init__(self, ctx: AppContext, offers: Offers, book: Any, parent: QWidget | None = None) -> None:
        self.offers = offers
        self._book = book
        super().__init__(ctx, parent)

    def noun(self) -> str:
        return self.tr("资源", "noun")

    def search_hint(self) -> str:
        return self.tr("搜索资源名称、存放地点、说明")

    def service(self) -> Service:
        return self.ctx.resources

    def columns(self) -> list[Column]:
        return [
            col(self.tr("资源名称"), "name", width=170),
            col(self.tr("类型"), "kind", width=56),
            col(self.tr("数量"), "quantity", align="right", width=52),
            col(self.tr("存放地点"), "location", width=150),
            col(
                self.tr("提供单位"),
                "unit_id",
                sortable=False,
                width=100,
                display=lambda o: self.ctx.lookups.unit_name(o.unit_id),
            ),
            community_col(self.ctx, self.tr("所属村（社区）"), width=100),
            col(self.tr("开放起"), "available_from", width=96),
            col(
                self.tr("开放至"),
                "available_until",
                width=96,
                display=lambda o: o.available_until.isoformat() if o.available_until else self.tr("长期"),
            ),
            col(self.tr("开放"), "active", color=lambda o: None if o.active else GREY),
        ]

    def filters(self) -> list[Filter]:
        return [
            enum_filter("kind", ResourceKind, self.tr("全部类型")),
            Filter(
                "active",
                self.tr("开放与停用"),
                lambda: [(True, self.tr("开放中")), (False, self.tr("已停用"))],
            ),
        ]

    def fields(self, record: Any | None) -> list[Field]:
        fields = [
            Field("kind", self.tr("类型"), "choice", enum=ResourceKind, default=ResourceKind.SPACE),
            Field("name", self.tr("资源名称"), required=True),
            Field("quantity", self.tr("数量"), "int", minimum=1, maximum=100_000, default=1),
            Field("location", self.tr("存放地点")),
            Field(
                "unit_id",
                self.tr("提供单位"),
                "choice",
                choices=self.ctx.lookups.unit_choices,
                none_text=self.tr("（无）"),
            ),
            Field(
                "community_id",
                self.tr("所属村（社区）"),
                "choice",
                choices=self.ctx.lookups.community_choices,
                none_text=self.tr("（无）"),
            ),
            Field("available_from", self.tr("开放起"), "date", required=True),
            Field("available_until", self.tr("开放至"), "date", hint=self.tr("不填表示长期开放")),
            Field("description", self.tr("说明"), "textarea"),
        ]
        if record is not None:
            fields.append(Field("active", self.tr("开放预约"), "bool"))
        return fields

    def create_record(self, values: dict[str, Any]) -> Any:
        values = dict(values)
        kind, name, start = values.pop("kind"), values.pop("name"), values.pop("available_from")
        return self.ctx.resources.create(self.ctx.township_id, kind, name, start, **values)

    def edit_record(self, record: Any, changes: dict[str, Any]) -> Any:
        return self.ctx.resources.edit(record.id, **changes)

    def record_saved(self, record: Any) -> None:
        if isinstance(record, ResourceOffer):
            self.offers.by_id[record.id] = record
        super().record_saved(record)

    def record_actions(self) -> list[RecordAction]:
        return [
            RecordAction(
                self.tr("预约 / 借用"),
                lambda o: self._book(o),
                name="book",
                enabled=lambda o: o is not None and o.active,
            )
        ]


class BookingsBrowser(RecordBrowser):
    kind = "bookings"
    default_sort = ("starts_at", True)
    can_edit = False  # a booking is cancelled and made again rather than edited

    def __init__(self, ctx: AppContext, offers: Offers, parent: QWidget | None = None) -> None:
        self.offers = offers
        super().__init__(ctx, parent)

    def noun(self) -> str:
        return self.tr("预约", "noun")

    def search_hint(self) -> str:
        return self.tr("搜索借用人、用途")

    def service(self) -> Service:
        return self.ctx.bookings

    def describe(self, record: Any) -> str:
        return self.tr("“{who}”对“{offer}”的{kind}").format(
            who=record.borrower, offer=self.offers.name(record.offer_id), kind=label(record.kind)
        )

    def _overdue(self, b: Booking) -> bool:
        return b.status == BookingStatus.ON_LOAN and b.ends_at < self.ctx.now()

    def columns(self) -> list[Column]:
        return [
            col(
                self.tr("资源"),
                "offer_id",
                sortable=False,
                width=170,
                display=lambda b: self.offers.name(b.offer_id),
            ),
            col(self.tr("借用人（单位）"), "borrower", width=140),
            col(self.tr("方式"), "kind", width=70),
            col(
                self.tr("状态"),
                "status",
                width=64,
                color=lambda b: (
                    RED if self._overdue(b) else (GREY if b.status == BookingStatus.CANCELLED else None)
                ),
            ),
            col(self.tr("数量"), "quantity", align="right", width=48),
            col(self.tr("开始"), "starts_at", width=124),
            col(
                self.tr("结束 / 应还"),
                "ends_at",
                width=124,
                color=lambda b: RED if self._overdue(b) else None,
            ),
            col(self.tr("归还时间"), "returned_at", width=124),
            col(self.tr("用途"), "purpose"),
        ]

    def filters(self) -> list[Filter]:
        return [
            enum_filter("status", BookingStatus, self.tr("全部状态")),
            enum_filter("kind", BookingKind, self.tr("预约和借用")),
            Filter("offer_id", self.tr("全部资源"), self.offers.choices),
        ]

    def fields(self, record: Any | None) -> list[Field]:
        start = QDateTime.currentDateTime().addSecs(3600)
        start = start.addSecs(-start.time().second() - 60 * start.time().minute())
        return [
            Field(
                "offer_id",
                self.tr("资源"),
                "choice",
                required=True,
                choices=lambda: self.offers.choices(active_only=True),
                none_text=self.tr("（请选择）"),
            ),
            Field(
                "kind",
                self.tr("方式"),
                "choice",
                enum=BookingKind,
                default=BookingKind.BOOKING,
                hint=self.tr("借用：物品带走，到期归还；预约使用：在原地使用"),
            ),
            Field("borrower", self.tr("借用人（单位）"), required=True),
            Field("quantity", self.tr("数量"), "int", minimum=1, maximum=100_000, default=1),
            Field("starts_at", self.tr("开始时间"), "datetime", required=True, default=to_aware(start)),
            Field(
                "ends_at",
                self.tr("结束（应还）时间"),
                "datetime",
                required=True,
                default=to_aware(start) + timedelta(hours=2),
            ),
            Field(
                "community_id",
                self.tr("用于村（社区）"),
                "choice",
                choices=self.ctx.lookups.community_choices,
                none_text=self.tr("（不限）"),
            ),
            Field("contact_phone", self.tr("联系电话")),
            Field("purpose", self.tr("用途")),
        ]

    def create_record(self, values: dict[str, Any]) -> Any:
        values = dict(values)
        offer_id = values.pop("offer_id")
        return self.ctx.bookings.book(
            offer_id, values.pop("borrower"), values.pop("starts_at"), values.pop("ends_at"), **values
        )

    def record_actions(self) -> list[RecordAction]:
        return [
            RecordAction(
                self.tr("借出"),
                self.lend,
                name="lend",
                enabled=lambda b: (
                    b is not None and b.kind == BookingKind.LOAN and b.status == BookingStatus.BOOKED
                ),
            ),
            RecordAction(
                self.tr("归还"),
                self.give_back,
                name="return",
                enabled=lambda b: b is not None and b.status in (BookingStatus.BOOKED, BookingStatus.ON_LOAN),
            ),
            RecordAction(
                self.tr("取消预约"),
                self.cancel,
                name="cancel",
                enabled=lambda b: b is not None and b.status == BookingStatus.BOOKED,
            ),
        ]

    def _when_form(self, booking: Booking, title: str, save: str, call: Any) -> RecordForm:
        form = RecordForm(
            self,
            self.ctx.tasks,
            title.format(what=self.describe(booking)),
            [Field("at", self.tr("时间"), "when", hint=self.tr("补录时取消勾选并填写实际时间"))],
            lambda v: call(booking.id, v["at"]),
            save_text=save,
        )
        form.saved.connect(self.record_saved)
        self.last_dialog = form
        form.open()
        return form

    def lend(self, booking: Booking) -> None:
        self._when_form(booking, self.tr("借出：{what}"), self.tr("借出"), self.ctx.bookings.lend)

    def give_back(self, booking: Booking) -> None:
        self._when_form(booking, self.tr("归还：{what}"), self.tr("归还"), self.ctx.bookings.return_)

    def cancel(self, booking: Booking) -> None:
        bookings = self.ctx.bookings
        self.run_write(lambda: bookings.cancel(booking.id), done=self.tr("已取消预约"))

    def book(self, offer: ResourceOffer) -> RecordForm | None:
        form = self.open_form(None)
        if form is not None:
            form.set_value("offer_id", offer.id)
        return form


class ResourcesScreen(Screen):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.offers = Offers()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            page_header(
                self.tr("资源池"),
                self.tr("联点单位和村（社区）提供的场地、设备、车辆与物资；同一时段不能重复预约。"),
            )
        )
        self.tabs = QTabWidget()
        self.bookings = BookingsBrowser(ctx, self.offers)
        self.offer_list = OffersBrowser(ctx, self.offers, self._book)
        self.tabs.addTab(self.offer_list, self.tr("资源"))
        self.tabs.addTab(self.bookings, self.tr("预约与借用"))
        layout.addWidget(self.tabs, 1)
        self.offer_list.loaded.connect(self._one_loaded)
        self.offer_list.record_changed.connect(lambda _offer: self.bookings.list.fill_filters())
        self.bookings.loaded.connect(self._one_loaded)

    def start(self) -> None:
        self.offer_list.start()
        self.load_offers(then=self.bookings.start)

    def load_offers(self, then: Any = None) -> None:
        resources = self.ctx.resources
        filters = self.offer_list.base_filters()

        def arrived(rows: list[ResourceOffer]) -> None:
            self.offers.by_id = {o.id: o for o in rows}
            if then is not None:
                then()
            else:
                self.bookings.list.fill_filters()
                self.bookings.list.model.refresh_texts()

        self.ctx.tasks.read(
            lambda: resources.list(ListQuery(filters=filters, limit=None)).rows, arrived, name="offers"
        )

    def _one_loaded(self) -> None:
        if self.offer_list.is_loaded and self.bookings.is_loaded:
            self.mark_loaded()

    def _book(self, offer: ResourceOffer) -> None:
        self.tabs.setCurrentWidget(self.bookings)
        self.bookings.book(offer)

    def show_record(self, record_id: uuid.UUID) -> None:
        """From the overview: a loan due back."""
        self.tabs.setCurrentWidget(self.bookings)
        self.bookings.show_record(record_id)
