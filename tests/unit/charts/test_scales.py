import pytest

from marketplace.charts import (
    ellipsize, nearest_round, nice_step, nice_ticks, round_numbers, step_bounds, step_of, text_width,
)

ROUND_LEADS = {1, 15, 2, 25, 3, 4, 5, 6}


def is_round(number: int) -> bool:
    """1, 1.5, 2, 2.5, 3, 4, 5 or 6 times a power of ten."""
    return int(str(number).rstrip("0")) in ROUND_LEADS


def significant_digits(number: int) -> int:
    return len(str(number).rstrip("0"))


def test_round_numbers_run_in_order_up_to_the_first_at_or_above_the_limit():
    assert list(round_numbers(100)) == [1, 2, 3, 4, 5, 6, 10, 15, 20, 25, 30, 40, 50, 60, 100]
    assert list(round_numbers(1)) == [1]
    assert list(round_numbers(61))[-2:] == [60, 100]


@pytest.mark.parametrize(("raw", "step"), [
    (0, 1), (0.2, 1), (1, 1), (1.01, 2), (7, 10), (11, 15), (50.2, 60), (123_456, 150_000),
])
def test_nice_step_is_the_smallest_round_number_at_least_the_raw_step(raw, step):
    assert nice_step(raw) == step


@pytest.mark.parametrize("maximum", [0, -5])
def test_nothing_to_scale_gives_one_tick(maximum):
    assert nice_ticks(maximum) == [0]


@pytest.mark.parametrize(("maximum", "ticks"), [
    (1, [0, 1]), (3, [0, 1, 2, 3]), (100, [0, 20, 40, 60, 80, 100]), (101, [0, 25, 50, 75, 100, 125]),
    (251, [0, 60, 120, 180, 240, 300]), (250_000_00, [0, 50_000_00, 100_000_00, 150_000_00, 200_000_00, 250_000_00]),
])
def test_ticks(maximum, ticks):
    assert nice_ticks(maximum) == ticks


def test_ticks_are_round_evenly_spaced_cover_the_maximum_and_number_four_or_five():
    for maximum in [*range(30, 5_000, 7), *range(5_000, 100_000_000, 99_991), 123_456_789]:
        ticks = nice_ticks(maximum)
        step = ticks[1]
        assert ticks[0] == 0 and ticks[-1] >= maximum > ticks[-2], maximum
        assert all(b - a == step for a, b in zip(ticks, ticks[1:]))
        assert is_round(step), (maximum, ticks)
        assert all(significant_digits(tick) <= 3 for tick in ticks[1:]), (maximum, ticks)
        assert 4 <= len(ticks) - 1 <= 5, (maximum, ticks)


@pytest.mark.parametrize(("value", "nearest"), [
    (1, 1), (7, 6), (9, 10), (12, 10), (13, 15), (17_400, 15_000), (17_600, 20_000), (95, 100), (0, 1),
])
def test_nearest_round(value, nearest):
    assert nearest_round(value) == nearest


def test_step_bounds_start_at_the_smallest_value_and_rise_through_rounded_quintiles():
    values = [0, 1_760, 5_000, 9_000, 12_000, 30_000, 45_000, 80_000, 150_000, 300_000, 9_876_543]
    bounds = step_bounds(values)
    assert bounds == [1_760, 10_000, 30_000, 60_000, 300_000]
    assert all(is_round(bound) for bound in bounds[1:])


def test_step_bounds_of_nothing_and_of_one_repeated_value():
    assert step_bounds([]) == []
    assert step_bounds([0, 0]) == []
    assert step_bounds([700, 700, 700]) == [700]


def test_every_class_from_step_bounds_holds_a_value_at_its_top():
    values = [3, 5, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987]
    bounds = step_bounds(values)
    assert max(values) >= bounds[-1]
    assert bounds == sorted(set(bounds))


def test_steps_rise_with_the_value():
    values = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181]
    bounds = step_bounds(values)
    steps = [step_of(value, bounds) for value in values]
    assert steps == sorted(steps)
    assert steps[0] == 1 and steps[-1] == 5
    assert set(steps) == {1, 2, 3, 4, 5}


def test_no_value_and_zero_have_no_step():
    bounds = [10, 100]
    assert step_of(None, bounds) == 0
    assert step_of(0, bounds) == 0
    assert step_of(5, []) == 0


@pytest.mark.parametrize(("classes", "steps"), [(1, [5]), (2, [1, 5]), (3, [1, 3, 5]), (4, [1, 2, 4, 5]),
                                                (5, [1, 2, 3, 4, 5])])
def test_fewer_classes_are_spread_over_the_scale(classes, steps):
    bounds = [10 ** index for index in range(classes)]
    assert [step_of(bound, bounds) for bound in bounds] == steps


def test_thai_marks_take_no_width():
    assert text_width("ก", 10) == text_width("กี่", 10) == 6
    assert text_width("ผ้าไหม", 10) == text_width("ผาไหม", 10)


def test_ellipsize_keeps_what_fits_and_adds_an_ellipsis():
    assert ellipsize("ผ้าไหม", 100, 10) == "ผ้าไหม"
    shortened = ellipsize("วิสาหกิจชุมชนกลุ่มทอผ้าไหมบ้านหนองบัว", 60, 10)
    assert shortened.endswith("…")
    assert text_width(shortened, 10) <= 60
    assert "วิสาหกิจชุมชนกลุ่มทอผ้าไหมบ้านหนองบัว".startswith(shortened[:-1])


def test_ellipsize_never_strands_a_thai_mark():
    assert text_width("ที่นี่มีผ้าไหมสวยๆ", 10) == pytest.approx(72)
    for room in range(10, 72):
        shortened = ellipsize("ที่นี่มีผ้าไหมสวยๆ", room, 10)
        assert shortened.endswith("…")
        kept = shortened[:-1]
        assert "ที่นี่มีผ้าไหมสวยๆ".startswith(kept)
        following = "ที่นี่มีผ้าไหมสวยๆ"[len(kept):][:1]
        assert following not in "ิีึืุูั่้๊๋็์"
