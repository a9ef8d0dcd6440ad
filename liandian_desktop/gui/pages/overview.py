"""工作台概览: what needs the coordinator today. Overdue work orders, this week's activities, loans due back,
key communities short of paired units, and what has not been synced yet. Each item opens its screen."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.i18n import fmt_datetime, fmt_duration
from liandian_desktop.gui.qt import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QLocale,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
)
from liandian_desktop.gui.screen import Screen
from liandian_desktop.gui.syncstatus import SyncState
from liandian_desktop.gui.theme import RED
from liandian_desktop.gui.widgets import Card, page_header
from liandian_desktop.ledger.models import Activity, Booking, Community
from liandian_desktop.ledger.services.base import ListQuery
from liandian_desktop.ledger.services.orders import OverdueOrder

LINK_ROLE = Qt.ItemDataRole.UserRole
MAX_ITEMS = 50


def weekday_name(day: datetime) -> str:
    """'周三' / 'Wed' in the UI language."""
    return QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)


@dataclass(frozen=True)
class Today:
    """Everything the overview shows, read in one background task."""

    overdue: list[OverdueOrder]
    week: list[Activity]
    due: list[Booking]
    offer_names: dict[uuid.UUID, str]
    gaps: list[Community]
    week_start: date


def week_bounds(day: date) -> tuple[datetime, datetime]:
    monday = day - timedelta(days=day.weekday())
    start = datetime.combine(monday, time()).astimezone()
    return start, start + timedelta(days=7)


def read_today(ctx: AppContext, now: datetime) -> Today:
    """Runs on the read pool: the services answer, nothing else."""
    township_id = ctx.township_id
    overdue = ctx.orders.overdue(township_id, now)
    start, end = week_bounds(now.astimezone().date())
    week: list[Activity] = []
    offset = 0
    while True:  # newest first; stop at the first activity before this week
        page = ctx.activities.list(
            ListQuery(
                filters={"township_id": township_id},
                sort="starts_at",
                descending=True,
                offset=offset,
                limit=200,
            )
        )
        week += [a for a in page.rows if start <= a.starts_at < end]
        if not page.rows or page.rows[-1].starts_at < start or offset + 200 >= page.total:
            break
        offset += 200
    week.sort(key=lambda a: a.starts_at)
    end_of_today = datetime.combine(now.astimezone().date() + timedelta(days=1), time()).astimezone()
    due = ctx.bookings.due_back(township_id, end_of_today)
    names = {offer_id: ctx.resources.get(offer_id).name for offer_id in {b.offer_id for b in due}}
    gaps = ctx.pairings.key_community_gaps(township_id)
    return Today(overdue, week, due, names, gaps, start.date())


class LinkList(QListWidget):
    """Items that open a record on another page when clicked (or Enter)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setFrameShape(QListWidget.Shape.NoFrame)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumHeight(120)
        self.itemActivated.connect(self._open)
        self.itemClicked.connect(self._open)

    def add(self, text: str, page: str, record_id: uuid.UUID | None, *, red: bool = False) -> None:
        item = QListWidgetItem(text)
        item.setData(LINK_ROLE, (page, record_id))
        item.setToolTip(text)
        if red:
            item.setForeground(RED)
        self.addItem(item)

    def empty(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.addItem(item)

    def _open(self, item: QListWidgetItem) -> None:
        link = item.data(LINK_ROLE)
        if link:
            page, record_id = link
            self.ctx.navigate(page, record_id)


class OverviewScreen(Screen):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.header = page_header(self.tr("工作台概览"), self.tr("今天需要处理的事项；点击条目可直接打开。"))
        layout.addWidget(self.header)
        grid = QGridLayout()
        grid.setSpacing(12)
        self.overdue_card, self.overdue = self._card(self.tr("超时未响应的工单"))
        self.week_card, self.week = self._card(self.tr("本周活动与走访"))
        self.due_card, self.due = self._card(self.tr("到期待还的借用"))
        self.sync_card, self.sync = self._card(self.tr("尚未同步"))
        self.gaps_card, self.gaps = self._card(self.tr("重点社区结对缺口"))
        grid.addWidget(self.overdue_card, 0, 0)
        grid.addWidget(self.week_card, 0, 1)
        grid.addWidget(self.due_card, 1, 0)
        right = QVBoxLayout()
        right.setSpacing(12)
        right.addWidget(self.sync_card)
        right.addWidget(self.gaps_card)
        holder = QWidget()
        holder.setLayout(right)
        right.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(holder, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        layout.addLayout(grid, 1)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.clicked.connect(self.refresh)
        self.updated = QLabel()
        self.updated.setObjectName("Muted")
        footer = QGridLayout()
        footer.addWidget(self.updated, 0, 0)
        footer.addWidget(self.refresh_button, 0, 1, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(footer)
        self.today: Today | None = None
        self._asked = 0
        ctx.sync_state_changed.connect(self.show_sync)

    def _card(self, title: str) -> tuple[Card, LinkList]:
        card = Card(title)
        links = LinkList(self.ctx)
        card.body.addWidget(links, 1)
        return card, links

    def start(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        if self.ctx.township is None:
            self.overdue.clear()
            self.overdue.empty(self.tr("台账中尚未建立乡镇（街道）。请生成示范数据或同步县级区划。"))
            self.mark_loaded()
            return
        self._asked += 1
        asked = self._asked
        ctx, now = self.ctx, self.ctx.now()
        self.refresh_button.setEnabled(False)

        def arrived(today: Today) -> None:
            if asked == self._asked:
                self.show_today(today, now)

        def failed(exc: BaseException) -> None:
            self.refresh_button.setEnabled(True)
            self.updated.setText(self.tr("未能读取：{why}").format(why=str(exc)))
            self.mark_loaded()

        self.ctx.tasks.read(lambda: read_today(ctx, now), arrived, failed, name="overview")

    def show_today(self, today: Today, now: datetime) -> None:
        self.today = today
        lookups = self.ctx.lookups
        self.refresh_button.setEnabled(True)

        self.overdue.clear()
        self.overdue_card.figure.setText(str(len(today.overdue)))
        self.overdue_card.figure.setStyleSheet(f"color: {RED.name()};" if today.overdue else "")
        for item in today.overdue[:MAX_ITEMS]:
            order = item.order
            text = self.tr("{code}  {title} · {community} · {unit} · 超时 {late}").format(
                code=order.code,
                title=order.title,
                community=lookups.community_name(order.community_id),
                unit=lookups.unit_name(order.unit_id),
                late=fmt_duration(item.overdue_by),
            )
            self.overdue.add(text, "orders", order.id, red=True)
        if not today.overdue:
            self.overdue.empty(self.tr("没有超时未响应的工单。"))
        elif len(today.overdue) > MAX_ITEMS:
            self.overdue.empty(
                self.tr("…另有 {n} 张，请到“工单”页查看").format(n=len(today.overdue) - MAX_ITEMS)
            )

        self.week.clear()
        self.week_card.figure.setText(str(len(today.week)))
        for activity in today.week[:MAX_ITEMS]:
            local = activity.starts_at.astimezone()
            where = lookups.community_name(activity.community_id) or self.tr("全乡镇")
            text = self.tr("{weekday} {time}  {title} · {where}").format(
                weekday=weekday_name(local), time=local.strftime("%H:%M"), title=activity.title, where=where
            )
            self.week.add(text, "activities", activity.id)
        if not today.week:
            self.week.empty(self.tr("本周没有安排活动。"))
        elif len(today.week) > MAX_ITEMS:
            self.week.empty(
                self.tr("…另有 {n} 项，请到“活动与走访”页查看").format(n=len(today.week) - MAX_ITEMS)
            )

        self.due.clear()
        self.due_card.figure.setText(str(len(today.due)))
        for booking in today.due[:MAX_ITEMS]:
            late = booking.ends_at < now
            text = self.tr("{borrower} · {offer} × {n} · 应还 {when}").format(
                borrower=booking.borrower,
                offer=today.offer_names.get(booking.offer_id, ""),
                n=booking.quantity,
                when=fmt_datetime(booking.ends_at),
            )
            if late:
                text += self.tr("（已逾期）")
            self.due.add(text, "resources", booking.id, red=late)
        if not today.due:
            self.due.empty(self.tr("今天没有到期的借用。"))

        self.show_sync(self.ctx.sync_state)

        self.gaps.clear()
        self.gaps_card.figure.setText(str(len(today.gaps)))
        self.gaps_card.figure.setStyleSheet(f"color: {RED.name()};" if today.gaps else "")
        for community in today.gaps:
            self.gaps.add(
                self.tr("{name}：重点社区结对单位少于 2 个").format(name=community.name),
                "org",
                community.id,
                red=True,
            )
        if not today.gaps:
            self.gaps.empty(self.tr("每个重点社区都有至少 2 个结对单位。"))

        local = now.astimezone()
        self.updated.setText(
            self.tr("{date} {weekday} · 更新于 {time}").format(
                date=local.strftime("%Y-%m-%d"), weekday=weekday_name(local), time=local.strftime("%H:%M")
            )
        )
        self.mark_loaded()

    def show_sync(self, state: SyncState | None) -> None:
        """The sync card follows the status bar's count (read once, not again for this page)."""
        self.sync.clear()
        if state is None:
            self.sync_card.figure.setText("…")
            return
        self.sync_card.figure.setText("—" if state.pending is None else str(state.pending))
        last = (
            self.tr("从未与县级服务器同步")
            if state.last_sync is None
            else self.tr("上次同步：{when}").format(when=fmt_datetime(state.last_sync))
        )
        self.sync.add(last, "sync", None)
        if state.pending is not None:
            self.sync.add(self.tr("{n} 条记录将在下次同步时上传").format(n=state.pending), "sync", None)

    def item_texts(self, which: str) -> list[str]:
        """The texts of one card's items (tests read what the user sees)."""
        links: QListWidget = getattr(self, which)
        return [links.item(i).text() for i in range(links.count())]
