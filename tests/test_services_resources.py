"""The resource pool: offers, bookings and loans; no double booking; lend, return, cancel; utilisation."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from liandian_desktop.ledger.errors import ConflictError, NotFoundError, TransitionError, ValidationError
from liandian_desktop.ledger.models import BookingKind, BookingStatus, ResourceKind, utcnow
from liandian_desktop.ledger.services.resources import BookingService, ResourceService, peak_quantity
from liandian_desktop.store.engine import Store
from tests.conftest import Township1


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """An instant in March 2026 on the laptop's local clock (availability is in local days)."""
    return datetime(2026, 3, day, hour, minute).astimezone()


@pytest.fixture
def offers(store: Store) -> ResourceService:
    return ResourceService(store)


@pytest.fixture
def bookings(store: Store) -> BookingService:
    return BookingService(store)


def offer(offers: ResourceService, town: Township1, quantity: int = 1, name: str = "投影仪") -> uuid.UUID:
    return offers.create(
        town.township_id,
        ResourceKind.EQUIPMENT,
        name,
        date(2026, 3, 1),
        quantity=quantity,
        available_until=date(2026, 3, 31),
        unit_id=town.unit_ids[0],
        location="民政局三楼",
    ).id


# -- offers ----------------------------------------------------------------------------------------------


def test_create_offer(offers: ResourceService, town: Township1) -> None:
    o = offers.create(
        town.township_id,
        "场地",
        " 党群服务中心 活动室 ",
        "2026/3/1",
        quantity=2,
        community_id=town.community_ids[0],
    )
    stored = offers.get(o.id)
    assert stored.kind is ResourceKind.SPACE
    assert stored.name == "党群服务中心 活动室"
    assert (stored.available_from, stored.available_until, stored.quantity) == (date(2026, 3, 1), None, 2)
    assert stored.active is True


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"quantity": 0}, "quantity"),
        ({"quantity": -1}, "quantity"),
        ({"quantity": True}, "quantity"),
        ({"quantity": 1.5}, "quantity"),
        ({"available_until": date(2026, 2, 28)}, "available_until"),
        ({"available_from": "2026-02-30"}, "available_from"),
        ({"name": " "}, "name"),
        ({"kind": "房子"}, "kind"),
        ({"unit_id": uuid.uuid4()}, "unit_id"),
        ({"community_id": uuid.uuid4()}, "community_id"),
    ],
)
def test_create_offer_refuses_bad_input(
    offers: ResourceService, town: Township1, changes: dict[str, object], field: str
) -> None:
    args: dict[str, object] = {
        "township_id": town.township_id,
        "kind": ResourceKind.VEHICLE,
        "name": "面包车",
        "available_from": date(2026, 3, 1),
        **changes,
    }
    with pytest.raises(ValidationError) as err:
        offers.create(**args)  # type: ignore[arg-type]
    assert err.value.field == field
    assert offers.list().total == 0


def test_an_offer_available_on_its_last_day_only(offers: ResourceService, town: Township1) -> None:
    o = offers.create(
        town.township_id, ResourceKind.GOODS, "帐篷", date(2026, 3, 5), available_until=date(2026, 3, 5)
    )
    assert offers.get(o.id).available_until == date(2026, 3, 5)


# -- bookings --------------------------------------------------------------------------------------------


def test_double_booking_is_refused(
    offers: ResourceService, bookings: BookingService, town: Township1
) -> None:
    projector = offer(offers, town)
    first = bookings.book(projector, "识字岭社区", at(2, 9), at(2, 11), purpose="居民议事会")
    with pytest.raises(ConflictError) as err:
        bookings.book(projector, "八一路社区", at(2, 10), at(2, 12))
    assert "识字岭社区" in err.value.message
    with pytest.raises(ConflictError):
        bookings.book(projector, "八一路社区", at(2, 8), at(2, 13))  # contains the first
    # Half-open intervals: ending when the next starts is no overlap.
    after = bookings.book(projector, "八一路社区", at(2, 11), at(2, 12))
    before = bookings.book(projector, "八一路社区", at(2, 8), at(2, 9))
    assert {b.status for b in (first, after, before)} == {BookingStatus.BOOKED}
    assert bookings.list().total == 3


def test_overlapping_bookings_within_the_quantity_are_accepted(
    offers: ResourceService, bookings: BookingService, town: Township1
) -> None:
    chairs = offer(offers, town, quantity=3, name="折叠桌")
    bookings.book(chairs, "甲", at(2, 9), at(2, 11), quantity=2)
    bookings.book(chairs, "乙", at(2, 10), at(2, 12), quantity=1)  # 2 + 1 = 3: accepted
    with pytest.raises(ConflictError):
        bookings.book(chairs, "丙", at(2, 10, 30), at(2, 10, 45))  # 3 + 1 > 3
    with pytest.raises(ConflictError):
        bookings.book(chairs, "丙", at(2, 8), at(2, 9, 30), quantity=2)  # 2 + 2 > 3 from 09:00
    assert bookings.book(chairs, "丙", at(2, 11), at(2, 12), quantity=2).quantity == 2  # 1 + 2 = 3


def test_bookings_that_do_not_overlap_each_other_share_the_items(
    offers: ResourceService, bookings: BookingService, town: Township1
) -> None:
    """Two items; 09–10 and 11–12 hold one each, never at once: a third over 09–12 still fits."""
    pair = offer(offers, town, quantity=2, name="音响")
    bookings.book(pair, "甲", at(2, 9), at(2, 10))
    bookings.book(pair, "乙", at(2, 11), at(2, 12))
    bookings.book(pair, "丙", at(2, 9), at(2, 12))
    with pytest.raises(ConflictError):
        bookings.book(pair, "丁", at(2, 9, 30), at(2, 9, 45))


def test_lend_return_frees_the_slot(
    offers: ResourceService, bookings: BookingService, town: Township1
) -> None:
    projector = offer(offers, town)
    loan = bookings.book(projector, "八一路社区", at(3, 9), at(5, 17), kind=BookingKind.LOAN)
    with pytest.raises(ConflictError):
        bookings.book(projector, "识字岭社区", at(4, 9), at(4, 12))
    lent = bookings.lend(loan.id, at(3, 9, 15))
    assert (lent.status, lent.lent_at) == (BookingStatus.ON_LOAN, at(3, 9, 15))
    with pytest.raises(ConflictError):
        bookings.book(projector, "识字岭社区", at(4, 9), at(4, 12))
    returned = bookings.return_(loan.id, at(4, 8))
    assert (returned.status, returned.returned_at) == (BookingStatus.RETURNED, at(4, 8))
    again = bookings.book(projector, "识字岭社区", at(4, 9), at(4, 12))
    assert again.status is BookingStatus.BOOKED
    stored = bookings.get(loan.id)
    assert (stored.lent_at, stored.returned_at) == (at(3, 9, 15), at(4, 8))


def test_cancel_frees_the_slot(offers: ResourceService, bookings: BookingService, town: Township1) -> None:
    projector = offer(offers, town)
    b = bookings.book(projector, "甲", at(6, 9), at(6, 11))
    assert bookings.cancel(b.id).status is BookingStatus.CANCELLED
    assert bookings.book(projector, "乙", at(6, 9), at(6, 11)).borrower == "乙"


def test_illegal_status_changes(offers: ResourceService, bookings: BookingService, town: Township1) -> None:
    projector = offer(offers, town, quantity=5)
    use = bookings.book(projector, "甲", at(2, 9), at(2, 11))
    with pytest.raises(TransitionError):
        bookings.lend(use.id, at(2, 9))  # a booking for use on site is not lent
    assert bookings.return_(use.id, at(2, 11)).status is BookingStatus.RETURNED  # BOOKED → RETURNED
    for action in (bookings.cancel, lambda i: bookings.return_(i, at(2, 12))):
        with pytest.raises(TransitionError) as err:
            action(use.id)
        assert "已归还" in err.value.message

    loan = bookings.book(projector, "乙", at(2, 9), at(2, 17), kind="借用")
    bookings.cancel(loan.id)
    for action in (
        bookings.cancel,
        lambda i: bookings.lend(i, at(2, 9)),
        lambda i: bookings.return_(i, at(2, 9)),
    ):
        with pytest.raises(TransitionError):
            action(loan.id)

    out = bookings.book(projector, "丙", at(2, 9), at(2, 17), kind=BookingKind.LOAN)
    bookings.lend(out.id, at(2, 9))
    with pytest.raises(TransitionError):
        bookings.lend(out.id, at(2, 10))
    with pytest.raises(TransitionError):
        bookings.cancel(out.id)
    with pytest.raises(ValidationError) as verr:
        bookings.return_(out.id, at(2, 8))  # before it was lent
    assert verr.value.field == "at"
    with pytest.raises(ValidationError) as verr:
        bookings.return_(out.id, utcnow() + timedelta(days=1))
    assert verr.value.field == "at"
    assert bookings.get(out.id).status is BookingStatus.ON_LOAN


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"starts_at": at(1, 9) - timedelta(hours=10)}, "starts_at"),  # the day before the window
        ({"ends_at": at(31, 23) + timedelta(hours=2)}, "ends_at"),  # after the last day
        ({"ends_at": at(2, 9)}, "ends_at"),
        ({"ends_at": at(2, 8)}, "ends_at"),
        ({"starts_at": datetime(2026, 3, 2, 9)}, "starts_at"),
        ({"quantity": 2}, "quantity"),
        ({"quantity": 0}, "quantity"),
        ({"borrower": ""}, "borrower"),
        ({"kind": "租赁"}, "kind"),
        ({"contact_phone": "12345"}, "contact_phone"),
        ({"community_id": uuid.uuid4()}, "community_id"),
    ],
)
def test_book_refuses_bad_input(
    offers: ResourceService, bookings: BookingService, town: Township1, changes: dict[str, object], field: str
) -> None:
    projector = offer(offers, town)
    args: dict[str, object] = {
        "offer_id": projector,
        "borrower": "识字岭社区",
        "starts_at": at(2, 9),
        "ends_at": at(2, 11),
        **changes,
    }
    with pytest.raises(ValidationError) as err:
        bookings.book(**args)  # type: ignore[arg-type]
    assert err.value.field == field
    assert bookings.list().total == 0


def test_window_is_inclusive_of_the_last_day(
    offers: ResourceService, bookings: BookingService, town: Township1
) -> None:
    projector = offer(offers, town)
    first = bookings.book(projector, "甲", datetime(2026, 3, 1).astimezone(), at(1, 12))
    last = bookings.book(projector, "乙", at(31, 18), datetime(2026, 4, 1).astimezone())
    assert (first.quantity, last.quantity) == (1, 1)


def test_inactive_or_deleted_offer_cannot_be_booked(
    offers: ResourceService, bookings: BookingService, town: Township1
) -> None:
    projector = offer(offers, town)
    offers.edit(projector, active=False)
    with pytest.raises(ValidationError) as err:
        bookings.book(projector, "甲", at(2, 9), at(2, 11))
    assert err.value.field == "offer_id"
    offers.edit(projector, active=True)
    offers.delete(projector)
    with pytest.raises(NotFoundError):
        bookings.book(projector, "甲", at(2, 9), at(2, 11))
    offers.restore(projector)
    assert bookings.book(projector, "甲", at(2, 9), at(2, 11)).offer_id == projector


def test_edit_offer_refuses_to_strand_bookings(
    offers: ResourceService, bookings: BookingService, town: Township1
) -> None:
    tables = offer(offers, town, quantity=3, name="折叠桌")
    bookings.book(tables, "甲", at(10, 9), at(10, 11), quantity=2)
    bookings.book(tables, "乙", at(10, 10), at(10, 12), quantity=1)
    with pytest.raises(ConflictError):
        offers.edit(tables, quantity=2)
    with pytest.raises(ConflictError):
        offers.edit(tables, available_until=date(2026, 3, 9))
    with pytest.raises(ConflictError):
        offers.edit(tables, available_from=date(2026, 3, 11))
    with pytest.raises(ValidationError) as err:
        offers.edit(tables, township_id=uuid.uuid4())
    assert err.value.field == "township_id"
    assert offers.get(tables).quantity == 3
    edited = offers.edit(tables, quantity=4, available_until=date(2026, 3, 10), location="二楼仓库")
    assert (edited.quantity, edited.available_until, edited.location) == (4, date(2026, 3, 10), "二楼仓库")


def test_due_back(offers: ResourceService, bookings: BookingService, town: Township1) -> None:
    pool = offer(offers, town, quantity=10)
    l1 = bookings.book(pool, "甲", at(2, 9), at(10, 17), kind=BookingKind.LOAN)
    l2 = bookings.book(pool, "乙", at(2, 9), at(20, 17), kind=BookingKind.LOAN)
    l3 = bookings.book(pool, "丙", at(2, 9), at(5, 17), kind=BookingKind.LOAN)  # never lent
    l4 = bookings.book(pool, "丁", at(2, 9), at(4, 17), kind=BookingKind.LOAN)  # back already
    bookings.book(pool, "戊", at(2, 9), at(3, 17))  # a booking, not a loan
    for loan in (l1, l2, l4):
        bookings.lend(loan.id, at(2, 9))
    bookings.return_(l4.id, at(4, 16))
    assert [b.id for b in bookings.due_back(town.township_id, at(15, 0))] == [l1.id]
    assert [b.id for b in bookings.due_back(town.township_id, at(20, 17))] == [l1.id, l2.id]
    assert bookings.due_back(town.township_id, at(10, 16)) == []
    assert l3.status is BookingStatus.BOOKED
    with pytest.raises(ValidationError) as err:
        bookings.due_back(town.township_id, datetime(2026, 3, 15))
    assert err.value.field == "by"


def test_utilisation_worked_out_by_hand(
    offers: ResourceService, bookings: BookingService, town: Township1
) -> None:
    speakers = offer(offers, town, quantity=2, name="音响")
    bookings.book(speakers, "甲", at(2, 9), at(2, 12))  # 3 item-hours
    bookings.book(speakers, "乙", at(2, 12), at(2, 13), quantity=2)  # 2 item-hours
    cancelled = bookings.book(speakers, "丙", at(2, 13), at(2, 20))
    bookings.cancel(cancelled.id)  # 0
    early = bookings.book(speakers, "丁", at(2, 14), at(2, 18))
    bookings.return_(early.id, at(2, 16))  # counts up to its return: 2 item-hours
    bookings.book(speakers, "戊", at(3, 9), at(3, 10))  # outside the period
    # One day (24 h) × 2 items = 48 available item-hours; 3 + 2 + 2 = 7 booked; 7 ÷ 48 = 0.14583…
    usage = bookings.usage(at(2, 0), at(3, 0), offer_id=speakers)
    assert (usage.booked_hours, usage.available_hours) == (Decimal("7.00"), Decimal("48.00"))
    assert usage.rate == Decimal("0.1458")
    assert bookings.utilisation(at(2, 0), at(3, 0), offer_id=speakers) == Decimal("0.1458")

    # A second offer of the township, available from 3 March (a whole day: from local midnight).
    late = offers.create(town.township_id, ResourceKind.SPACE, "会议室", date(2026, 3, 3)).id
    bookings.book(late, "己", at(3, 9), at(3, 21))
    # Period 2nd 00:00 → 4th 00:00: 音响 96 item-hours available, 8 booked; 会议室 24 available, 12 booked.
    township = bookings.usage(at(2, 0), at(4, 0), township_id=town.township_id)
    assert (township.booked_hours, township.available_hours) == (Decimal("20.00"), Decimal("120.00"))
    assert township.rate == Decimal("0.1667")
    # Outside every window: nothing available, rate 0.
    assert bookings.utilisation(datetime(2026, 2, 1).astimezone(), at(1, 0), offer_id=speakers) == Decimal(0)


def test_usage_refuses_bad_input(offers: ResourceService, bookings: BookingService, town: Township1) -> None:
    speakers = offer(offers, town)
    with pytest.raises(ValidationError) as err:
        bookings.usage(at(2, 0), at(3, 0))
    assert err.value.field == "offer_id"
    with pytest.raises(ValidationError) as err:
        bookings.usage(at(2, 0), at(3, 0), offer_id=speakers, township_id=town.township_id)
    assert err.value.field == "offer_id"
    with pytest.raises(ValidationError) as err:
        bookings.usage(at(3, 0), at(2, 0), offer_id=speakers)
    assert err.value.field == "end"


def test_booking_soft_delete_frees_the_slot_and_restore(
    offers: ResourceService, bookings: BookingService, town: Township1
) -> None:
    projector = offer(offers, town)
    b = bookings.book(projector, "甲", at(2, 9), at(2, 11))
    bookings.delete(b.id)
    other = bookings.book(projector, "乙", at(2, 9), at(2, 11))
    bookings.restore(b.id)
    assert bookings.get(b.id).status is BookingStatus.BOOKED
    assert {x.id for x in bookings.list().rows} == {b.id, other.id}


def test_peak_quantity() -> None:
    holds = [(at(2, 9), at(2, 10), 1), (at(2, 10), at(2, 11), 1), (at(2, 9, 30), at(2, 10, 30), 2)]
    assert peak_quantity(holds, at(2, 0), at(3, 0)) == 3
    assert peak_quantity(holds, at(2, 10, 30), at(2, 11)) == 1
    assert peak_quantity(holds, at(2, 11), at(2, 12)) == 0
