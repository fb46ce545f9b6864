"""The hybrid logical clock: stamps order causally even when wall clocks disagree."""

from __future__ import annotations

import pytest

from outreach.core.hlc import MAX_COUNTER, HybridClock, Stamp


class FakeTime:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __call__(self) -> float:
        return self.seconds


def test_stamp_text_round_trips_and_sorts_like_the_stamp() -> None:
    a = Stamp(1_700_000_000_000, 3, "dev-a")
    assert str(a) == "1700000000000-0003-dev-a"
    assert Stamp.parse(str(a)) == a
    b = Stamp(1_700_000_000_000, 12, "dev-a")
    c = Stamp(1_700_000_000_001, 0, "dev-a")
    assert sorted([str(c), str(b), str(a)]) == [str(a), str(b), str(c)]
    assert a < b < c


@pytest.mark.parametrize("text", ["", "abc", "1-2-x", "1700000000000-0003-", "170000000000x-0001-d",
                                  "1700000000000-01-d", None])
def test_parse_refuses_what_is_not_a_stamp(text) -> None:
    with pytest.raises(ValueError):
        Stamp.parse(text)


def test_device_id_is_required() -> None:
    with pytest.raises(ValueError):
        HybridClock("")


def test_ticks_increase_while_the_wall_clock_stands_still() -> None:
    now = FakeTime(1000.0)
    clock = HybridClock("d1", now=now)
    stamps = [clock.tick() for _ in range(5)]
    assert stamps == sorted(stamps) and len(set(stamps)) == 5
    assert [Stamp.parse(s).counter for s in stamps] == [0, 1, 2, 3, 4]
    now.seconds = 1000.5
    later = clock.tick()
    assert Stamp.parse(later) == Stamp(1_000_500, 0, "d1")


def test_ticks_increase_when_the_wall_clock_goes_backwards() -> None:
    now = FakeTime(2000.0)
    clock = HybridClock("d1", now=now)
    first = clock.tick()
    now.seconds = 1000.0                 # someone corrected the laptop's clock
    second = clock.tick()
    assert second > first
    assert Stamp.parse(second).millis == 2_000_000


def test_counter_overflow_moves_to_the_next_millisecond() -> None:
    clock = HybridClock("d1", last=f"{5_000:013d}-{MAX_COUNTER:04d}-other", now=FakeTime(1.0))
    stamp = Stamp.parse(clock.tick())
    assert (stamp.millis, stamp.counter) == (5_001, 0)


def test_a_lagging_laptop_still_stamps_after_what_it_has_seen() -> None:
    behind = HybridClock("slow", now=FakeTime(1000.0))      # hours behind
    ahead = HybridClock("fast", now=FakeTime(9000.0))
    remote = ahead.tick()
    behind.observe(remote)
    local = behind.tick()
    assert local > remote
    assert Stamp.parse(local).device == "slow"


def test_observing_an_older_stamp_changes_nothing() -> None:
    clock = HybridClock("d1", now=FakeTime(5000.0))
    mine = clock.tick()
    clock.observe(str(Stamp(1, 0, "old")))
    assert clock.last == mine


def test_device_breaks_ties_between_equal_moments() -> None:
    a = HybridClock("aaa", now=FakeTime(10.0)).tick()
    b = HybridClock("bbb", now=FakeTime(10.0)).tick()
    assert a < b


def test_restart_continues_after_the_last_stamp() -> None:
    first = HybridClock("d1", now=FakeTime(100.0))
    last = first.tick()
    again = HybridClock("d1", last=last, now=FakeTime(50.0))
    assert again.tick() > last


def test_a_stamp_years_ahead_is_refused_so_the_clock_cannot_run_away():
    from outreach.core.hlc import HybridClock

    clock = HybridClock("device-a", now=lambda: 1_700_000_000.0)
    with pytest.raises(ValueError, match="ahead"):
        clock.observe("9999999999999-9999-device-b")
    clock.observe("1700000600000-0003-device-b")     # ten minutes ahead is fine
    assert clock.tick() > "1700000600000-0003-device-b"
