import pytest

from marketplace.errors import ValidationError
from marketplace.money import format_satang, parse_baht


@pytest.mark.parametrize(("satang", "text"), [
    (0, "฿0.00"), (5, "฿0.05"), (125000, "฿1,250.00"), (125050, "฿1,250.50"), (-150, "-฿1.50"),
    (123456789, "฿1,234,567.89"),
])
def test_format(satang, text):
    assert format_satang(satang) == text


def test_format_without_symbol():
    assert format_satang(125000, symbol=False) == "1,250.00"


@pytest.mark.parametrize(("text", "satang"), [
    ("120", 12000), ("120.5", 12050), ("120.50", 12050), ("1,250.05", 125005), (".75", 75), (" 99 ", 9900),
    ("0.1", 10), ("0.01", 1), ("๑,๒๕๐.๕๐", 125050),
])
def test_parse(text, satang):
    assert parse_baht(text) == satang


@pytest.mark.parametrize("text", ["", "abc", "1.234", "-5", "1e3", "12,34", "1..2", "١٢٣", "nan"])
def test_parse_refuses(text):
    with pytest.raises(ValidationError) as caught:
        parse_baht(text, field="price")
    assert "price" in caught.value.fields


def test_parse_refuses_absurd_amounts():
    with pytest.raises(ValidationError):
        parse_baht("1000000000")


@pytest.mark.parametrize(("amount", "bps", "commission"), [
    (100000, 1000, 10000),   # 10 % of ฿1,000.00
    (12345, 1000, 1235),     # 1,234.5 satang rounds half up
    (12344, 1000, 1234),
    (999, 250, 25),          # 24.975 → 25
    (0, 1000, 0),
    (55555, 0, 0),
    (55555, 10000, 55555),
])
def test_commission_rounds_half_up_to_the_satang(amount, bps, commission):
    from marketplace.money import commission_satang

    assert commission_satang(amount, bps) == commission
