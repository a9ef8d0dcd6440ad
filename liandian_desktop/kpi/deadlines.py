"""When a work order's first contact is due: the response limit on a calendar or a working-hours clock.

- calendar clock: deadline = dispatch + limit hours. Contact at exactly the deadline is on time.
- working clock: only working time counts (``clock.windows`` on ``clock.workdays``, minus ``holidays``,
  plus ``extra_workdays``, all in local time). A dispatch outside working time starts the clock at the next
  working moment. The deadline is the last instant at which the working time elapsed since dispatch is
  still ≤ the limit: when the limit runs out exactly at the end of a window (12:00), the deadline is the
  start of the next window (14:00), because no working time passes over lunch. So "on time" is always
  simply ``first contact ≤ deadline``, on either clock.

Example (defaults, 8 working hours): dispatched Friday 16:00 → Friday 16:00–17:30 (1.5 h), Monday
08:30–12:00 (3.5 h, 5 h in all), Monday 14:00–17:00 (3 h) → due Monday 17:00.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from .periods import LOCAL_TZ, to_local
from .settings import ResponseClock

_MAX_DAYS = 3660  # a working clock with no working day in ten years is a broken setting


@dataclass(frozen=True)
class WorkCalendar:
    workdays: frozenset[int]
    windows: tuple[tuple[time, time], ...]
    holidays: frozenset[date]
    extra_workdays: frozenset[date]

    def is_workday(self, day: date) -> bool:
        if day in self.extra_workdays:
            return True
        return day.weekday() in self.workdays and day not in self.holidays

    def _windows_on(self, day: date) -> list[tuple[datetime, datetime]]:
        if not self.is_workday(day):
            return []
        return [
            (datetime.combine(day, a, LOCAL_TZ), datetime.combine(day, b, LOCAL_TZ)) for a, b in self.windows
        ]

    def add(self, start: datetime, amount: timedelta) -> datetime:
        """The deadline: the last instant by which at most ``amount`` of working time has passed."""
        remaining = amount
        t = to_local(start)
        day = t.date()
        exhausted = remaining <= timedelta(0)
        for _ in range(_MAX_DAYS):
            for window_start, window_end in self._windows_on(day):
                if window_end <= t:
                    continue
                begin = max(window_start, t)
                if exhausted:
                    return begin.astimezone(UTC)  # the next moment working time would start to pass
                available = window_end - begin
                if remaining < available:
                    return (begin + remaining).astimezone(UTC)
                remaining -= available
                exhausted = remaining <= timedelta(0)
            day += timedelta(days=1)
        raise ValueError("no working time found within ten years: check the working-hours settings")

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        """Working time between two instants (zero when ``end`` ≤ ``start``)."""
        if end <= start:
            return timedelta(0)
        a, b = to_local(start), to_local(end)
        total = timedelta(0)
        day = a.date()
        while day <= b.date():
            for window_start, window_end in self._windows_on(day):
                lo, hi = max(window_start, a), min(window_end, b)
                if hi > lo:
                    total += hi - lo
            day += timedelta(days=1)
        return total


@lru_cache(maxsize=16)
def calendar_for(clock: ResponseClock) -> WorkCalendar:
    def hm(text: str) -> time:
        hh, mm = text.split(":")
        return time(int(hh), int(mm))

    return WorkCalendar(
        workdays=frozenset(clock.workdays),
        windows=tuple((hm(a), hm(b)) for a, b in clock.windows),
        holidays=frozenset(date.fromisoformat(d) for d in clock.holidays),
        extra_workdays=frozenset(date.fromisoformat(d) for d in clock.extra_workdays),
    )


def limit_hours_for(order_limit_hours: int | None, clock: ResponseClock) -> int:
    """The limit an order is judged by: its own (recorded at dispatch) unless the settings say otherwise."""
    if clock.use_order_limit and order_limit_hours:
        return order_limit_hours
    return clock.limit_hours


def response_deadline(dispatched_at: datetime, limit_hours: int, clock: ResponseClock) -> datetime:
    if clock.mode == "working":
        return calendar_for(clock).add(dispatched_at, timedelta(hours=limit_hours))
    return dispatched_at + timedelta(hours=limit_hours)


def clock_label(clock: ResponseClock) -> str:
    if clock.mode == "working":
        spans = "、".join(f"{a}–{b}" for a, b in clock.windows)
        return f"工作小时（工作日 {spans}）"
    return "自然小时"


def format_duration(span: timedelta) -> str:
    """``1 天 2 小时 3 分``, ``2 分``, ``24 小时``; seconds only when under a minute."""
    seconds = int(span.total_seconds())
    if seconds < 0:
        return "-" + format_duration(-span)
    if seconds < 60:
        return f"{seconds} 秒"
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = []
    if days:
        parts.append(f"{days} 天")
    if hours:
        parts.append(f"{hours} 小时")
    if minutes:
        parts.append(f"{minutes} 分")
    return " ".join(parts) or "0 分"
