"""The resource pool (资源池): offers of spaces, equipment, vehicles and goods, and their bookings and loans.

Bookings of an offer may never commit more items at once than the offer has (no double booking). A
booking or loan holds its items over [starts_at, ends_at); a cancelled one, or one returned, holds nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from liandian_desktop.ledger.errors import ConflictError, TransitionError, ValidationError
from liandian_desktop.ledger.models import (
    Booking,
    BookingKind,
    BookingStatus,
    PairedUnit,
    ResourceKind,
    ResourceOffer,
    Township,
    utcnow,
)
from liandian_desktop.ledger.services.base import Service
from liandian_desktop.ledger.services.fields import (
    apply_changed,
    aware,
    coerce_enum,
    edit_values,
    load_community,
    load_live,
    local_midnight,
    optional_phone,
    optional_text,
    past_instant,
    positive_count,
)
from liandian_desktop.ledger.validation import parse_date

# Bookings that hold items: the others (cancelled, returned) have freed their slot.
HOLDING = (BookingStatus.BOOKED, BookingStatus.ON_LOAN)

_OFFER_EDITABLE = (
    "kind",
    "name",
    "description",
    "quantity",
    "location",
    "available_from",
    "available_until",
    "active",
    "unit_id",
    "community_id",
)


def _local_text(when: datetime) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def availability_window(
    available_from: date, available_until: date | None
) -> tuple[datetime, datetime | None]:
    """An offer's availability as instants: from local midnight of ``available_from`` to local midnight
    after ``available_until`` (the last day is included), or open-ended."""
    end = None if available_until is None else local_midnight(available_until + timedelta(days=1))
    return local_midnight(available_from), end


def peak_quantity(holds: list[tuple[datetime, datetime, int]], start: datetime, end: datetime) -> int:
    """The most items held at any one instant of [start, end) by the (start, end, quantity) holds.

    A hold ending exactly when another starts does not overlap it: intervals are half-open.
    """
    events: list[tuple[datetime, int]] = []
    for hold_start, hold_end, quantity in holds:
        lo, hi = max(hold_start, start), min(hold_end, end)
        if lo < hi:
            events += [(lo, quantity), (hi, -quantity)]
    events.sort()  # at the same instant, releases (negative) sort before new holds
    peak = current = 0
    for _, delta in events:
        current += delta
        peak = max(peak, current)
    return peak


def _overlap_seconds(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> int:
    return max(0, int((min(a_end, b_end) - max(a_start, b_start)).total_seconds()))


def _hours(seconds: int) -> Decimal:
    return (Decimal(seconds) / 3600).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Utilisation:
    """Booked item-hours ÷ available item-hours over a period (see :meth:`BookingService.usage`)."""

    booked_hours: Decimal
    available_hours: Decimal
    rate: Decimal  # in [0, 1], 4 places; 0 when nothing was available


class ResourceService(Service):
    """Offers in the pool: what a unit or community lends, how many, where, and when it is available."""

    model = ResourceOffer

    def create(
        self,
        township_id: uuid.UUID,
        kind: ResourceKind | str,
        name: str,
        available_from: date | str,
        *,
        quantity: int = 1,
        available_until: date | str | None = None,
        unit_id: uuid.UUID | None = None,
        community_id: uuid.UUID | None = None,
        location: str = "",
        description: str = "",
    ) -> ResourceOffer:
        """Offer an item (or ``quantity`` identical items) from ``available_from`` to ``available_until``
        (both days included; open-ended when None)."""
        values = self._clean(
            {
                "kind": kind,
                "name": name,
                "description": description,
                "quantity": quantity,
                "location": location,
                "available_from": available_from,
                "available_until": available_until,
                "active": True,
                "unit_id": unit_id,
                "community_id": community_id,
            }
        )
        with self.store.transaction() as session:
            township = load_live(session, Township, township_id, "township_id", "乡镇/街道")
            self._check_references(session, township.id, values)
            offer = ResourceOffer(township_id=township.id, **values)
            session.add(offer)
            return offer

    def edit(self, offer_id: uuid.UUID, **changes: Any) -> ResourceOffer:
        """Change an offer. Refused (ConflictError) when fewer items, or a shorter window, would leave
        existing bookings without an item; deactivating (``active=False``) stops new bookings only."""
        with self.store.transaction() as session:
            offer = self._get(session, ResourceOffer, offer_id)
            values = self._clean(edit_values(offer, changes, _OFFER_EDITABLE))
            self._check_references(session, offer.township_id, values)
            holds = _holding(session, offer.id)
            if holds:
                peak = peak_quantity(
                    [(b.starts_at, b.ends_at, b.quantity) for b in holds],
                    min(b.starts_at for b in holds),
                    max(b.ends_at for b in holds),
                )
                if values["quantity"] < peak:
                    raise ConflictError(
                        f"已有预约同时占用 {peak} 件，数量不能减少到 {values['quantity']} 件；"
                        "请先调整或取消相关预约"
                    )
                opens, closes = availability_window(values["available_from"], values["available_until"])
                for b in holds:
                    if b.starts_at < opens or (closes is not None and b.ends_at > closes):
                        raise ConflictError(
                            f"“{b.borrower}”的预约（{_local_text(b.starts_at)} 至 {_local_text(b.ends_at)}）"
                            "将超出新的开放时间；请先调整或取消该预约"
                        )
            apply_changed(offer, values)
            return offer

    @staticmethod
    def _clean(values: dict[str, Any]) -> dict[str, Any]:
        available_from = parse_date(values["available_from"], field="available_from")
        available_until = values["available_until"]
        if available_until is not None:
            available_until = parse_date(available_until, field="available_until")
            if available_until < available_from:
                raise ValidationError("available_until", "开放截止日期不能早于开放起始日期")
        if not isinstance(values["active"], bool):
            raise ValidationError("active", "是否开放应为是或否")
        return {
            "kind": coerce_enum(ResourceKind, values["kind"], "kind", "资源类型"),
            "name": Service._require_text(values["name"], "name", "资源名称", max_len=100),
            "description": (values["description"] or "").strip(),
            "quantity": positive_count(values["quantity"], "quantity", "数量"),
            "location": optional_text(values["location"], "location", "存放地点", 100),
            "available_from": available_from,
            "available_until": available_until,
            "active": values["active"],
            "unit_id": values["unit_id"],
            "community_id": values["community_id"],
        }

    @staticmethod
    def _check_references(session: Session, township_id: uuid.UUID, values: dict[str, Any]) -> None:
        if values["unit_id"] is not None:
            load_live(session, PairedUnit, values["unit_id"], "unit_id", "联点单位")
        if values["community_id"] is not None:
            load_community(session, township_id, values["community_id"])


def _holding(
    session: Session,
    offer_id: uuid.UUID,
    start: datetime | None = None,
    end: datetime | None = None,
    exclude: uuid.UUID | None = None,
) -> list[Booking]:
    """The offer's live bookings and loans that hold items, overlapping [start, end) when given."""
    stmt = select(Booking).where(
        Booking.offer_id == offer_id, Booking.deleted_at.is_(None), Booking.status.in_(HOLDING)
    )
    if start is not None and end is not None:
        stmt = stmt.where(Booking.starts_at < end, Booking.ends_at > start)
    if exclude is not None:
        stmt = stmt.where(Booking.id != exclude)
    return list(session.scalars(stmt.order_by(Booking.starts_at)))


class BookingService(Service):
    """Bookings (use on site) and loans (taken away, due back) of offers in the pool.

    Status changes: BOOKED → ON_LOAN (lend, loans only) → RETURNED; BOOKED → RETURNED (used and finished);
    BOOKED → CANCELLED. Anything else is a TransitionError.
    """

    model = Booking

    def book(
        self,
        offer_id: uuid.UUID,
        borrower: str,
        starts_at: datetime,
        ends_at: datetime,
        kind: BookingKind | str = BookingKind.BOOKING,
        quantity: int = 1,
        *,
        community_id: uuid.UUID | None = None,
        contact_phone: str = "",
        purpose: str = "",
        note: str = "",
    ) -> Booking:
        """Reserve ``quantity`` items over [starts_at, ends_at) (for a loan, ``ends_at`` is the due time).

        Refused with ConflictError when, at some instant of the period, the items already held by other
        bookings and loans plus these would exceed the offer's quantity. Cancelled and returned ones hold
        nothing. (This is the exact test for over-commitment; it equals the plain sum of all overlapping
        bookings whenever those overlap one another.)
        """
        borrower = self._require_text(borrower, "borrower", "借用人（单位）", max_len=100)
        start = aware(starts_at, "starts_at", "开始时间")
        end = aware(ends_at, "ends_at", "结束时间")
        if end <= start:
            raise ValidationError("ends_at", "结束（归还）时间必须晚于开始时间")
        booking_kind = coerce_enum(BookingKind, kind, "kind", "预约类型")
        count = positive_count(quantity, "quantity", "数量")
        phone = optional_phone(contact_phone, "contact_phone")
        purpose = optional_text(purpose, "purpose", "用途", 200)
        with self.store.transaction() as session:
            offer = self._get(session, ResourceOffer, offer_id)
            if not offer.active:
                raise ValidationError("offer_id", f"“{offer.name}”已停止开放，不能预约")
            if community_id is not None:
                load_community(session, offer.township_id, community_id)
            window_start, window_end = availability_window(offer.available_from, offer.available_until)
            if start < window_start:
                raise ValidationError(
                    "starts_at",
                    f"“{offer.name}”从 {offer.available_from.isoformat()} 起开放，开始时间早于开放时间",
                )
            if window_end is not None and end > window_end:
                assert offer.available_until is not None
                raise ValidationError(
                    "ends_at",
                    f"“{offer.name}”开放至 {offer.available_until.isoformat()}，结束时间晚于开放时间",
                )
            if count > offer.quantity:
                raise ValidationError(
                    "quantity", f"“{offer.name}”共有 {offer.quantity} 件，不能预约 {count} 件"
                )
            others = _holding(session, offer.id, start, end)
            held = peak_quantity([(b.starts_at, b.ends_at, b.quantity) for b in others], start, end)
            if held + count > offer.quantity:
                who = "；".join(
                    f"{b.borrower} {_local_text(b.starts_at)}–{_local_text(b.ends_at)} {b.quantity} 件"
                    for b in others
                )
                raise ConflictError(
                    f"“{offer.name}”共 {offer.quantity} 件，该时段已被占用 {held} 件，"
                    f"不能再预约 {count} 件（重复预约）。已有：{who}"
                )
            booking = Booking(
                township_id=offer.township_id,
                offer_id=offer.id,
                community_id=community_id,
                kind=booking_kind,
                status=BookingStatus.BOOKED,
                borrower=borrower,
                contact_phone=phone,
                purpose=purpose,
                quantity=count,
                starts_at=start,
                ends_at=end,
                note=note.strip(),
            )
            session.add(booking)
            return booking

    def lend(self, booking_id: uuid.UUID, at: datetime | None = None) -> Booking:
        """The items of a loan leave (BOOKED → ON_LOAN) at ``at`` (default: now)."""
        when = past_instant(at if at is not None else utcnow(), "at", "借出时间")
        with self.store.transaction() as session:
            booking = self._get(session, Booking, booking_id)
            if booking.kind != BookingKind.LOAN:
                raise TransitionError(f"“{BookingKind.BOOKING.label}”的记录不能借出，只有借用才能借出")
            self._expect(booking, (BookingStatus.BOOKED,), "借出")
            booking.status = BookingStatus.ON_LOAN
            booking.lent_at = when
            return booking

    def return_(self, booking_id: uuid.UUID, at: datetime | None = None) -> Booking:
        """The items are back (ON_LOAN or BOOKED → RETURNED) at ``at`` (default: now); the slot is free."""
        when = past_instant(at if at is not None else utcnow(), "at", "归还时间")
        with self.store.transaction() as session:
            booking = self._get(session, Booking, booking_id)
            self._expect(booking, (BookingStatus.ON_LOAN, BookingStatus.BOOKED), "归还")
            if booking.lent_at is not None and when < booking.lent_at:
                raise ValidationError("at", "归还时间不能早于借出时间")
            booking.status = BookingStatus.RETURNED
            booking.returned_at = when
            return booking

    def cancel(self, booking_id: uuid.UUID) -> Booking:
        """Cancel a booking not yet used or lent (BOOKED → CANCELLED); the slot is free."""
        with self.store.transaction() as session:
            booking = self._get(session, Booking, booking_id)
            self._expect(booking, (BookingStatus.BOOKED,), "取消")
            booking.status = BookingStatus.CANCELLED
            return booking

    def due_back(self, township_id: uuid.UUID, by: datetime) -> list[Booking]:
        """Loans still out whose due time is at or before ``by`` (overdue or due), earliest due first."""
        deadline = aware(by, "by", "截止时间")
        with self.store.session() as session:
            stmt = select(Booking).where(
                Booking.township_id == township_id,
                Booking.deleted_at.is_(None),
                Booking.kind == BookingKind.LOAN,
                Booking.status == BookingStatus.ON_LOAN,
                Booking.ends_at <= deadline,
            )
            return list(session.scalars(stmt.order_by(Booking.ends_at, Booking.id)))

    def usage(
        self,
        start: datetime,
        end: datetime,
        *,
        offer_id: uuid.UUID | None = None,
        township_id: uuid.UUID | None = None,
    ) -> Utilisation:
        """Utilisation of one offer, or of every active offer of a township, over [start, end).

        available item-hours = Σ offers: quantity × hours of [start, end) inside the offer's availability;
        booked item-hours = Σ bookings and loans not cancelled: quantity × hours of their period inside
        that same span, where a returned one counts up to its return (an early return frees the rest);
        rate = booked ÷ available, capped at 1 (a late return can overrun), 0 when nothing was available.
        """
        period_start = aware(start, "start", "统计起始时间")
        period_end = aware(end, "end", "统计截止时间")
        if period_end <= period_start:
            raise ValidationError("end", "统计截止时间必须晚于起始时间")
        if (offer_id is None) == (township_id is None):
            raise ValidationError("offer_id", "请指定一项资源或一个乡镇（街道），二者选一")
        available = booked = 0
        with self.store.session() as session:
            if offer_id is not None:
                offers = [self._get(session, ResourceOffer, offer_id)]
            else:
                assert township_id is not None
                self._get(session, Township, township_id)
                offers = list(
                    session.scalars(
                        select(ResourceOffer).where(
                            ResourceOffer.township_id == township_id,
                            ResourceOffer.deleted_at.is_(None),
                            ResourceOffer.active.is_(True),
                        )
                    )
                )
            for offer in offers:
                window_start, window_end = availability_window(offer.available_from, offer.available_until)
                lo = max(period_start, window_start)
                hi = period_end if window_end is None else min(period_end, window_end)
                if lo >= hi:
                    continue
                available += offer.quantity * _overlap_seconds(lo, hi, lo, hi)
                stmt = select(Booking).where(
                    Booking.offer_id == offer.id,
                    Booking.deleted_at.is_(None),
                    Booking.status != BookingStatus.CANCELLED,
                    Booking.starts_at < hi,
                )
                for b in session.scalars(stmt):
                    used_until = b.ends_at
                    if b.status == BookingStatus.RETURNED and b.returned_at is not None:
                        used_until = b.returned_at
                    booked += b.quantity * _overlap_seconds(b.starts_at, used_until, lo, hi)
        rate = Decimal(0) if available == 0 else min(Decimal(1), Decimal(booked) / Decimal(available))
        return Utilisation(_hours(booked), _hours(available), rate.quantize(Decimal("0.0001")))

    def utilisation(
        self,
        start: datetime,
        end: datetime,
        *,
        offer_id: uuid.UUID | None = None,
        township_id: uuid.UUID | None = None,
    ) -> Decimal:
        """利用率 in [0, 1]: booked item-hours ÷ available item-hours (the formula is on :meth:`usage`)."""
        return self.usage(start, end, offer_id=offer_id, township_id=township_id).rate

    @staticmethod
    def _expect(booking: Booking, allowed: tuple[BookingStatus, ...], action: str) -> None:
        if booking.status not in allowed:
            raise TransitionError(f"该记录当前状态为“{booking.status.label}”，不能{action}")
