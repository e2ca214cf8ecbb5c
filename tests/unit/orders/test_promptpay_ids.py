"""PromptPay IDs: Thai mobile numbers and 13-digit tax IDs with their check digit, one check for
sign-up, the settings and the QR codes."""

from __future__ import annotations

import pytest

from marketplace.config import from_environment
from marketplace.errors import ConfigurationError, ValidationError
from marketplace.promptpay import (
    BAD_CHECKSUM, NOT_A_PROMPTPAY_ID, is_valid_tax_id, normalize_promptpay_id, parse_promptpay_id, promptpay_payload,
    promptpay_problem, tax_id_check_digit,
)

VALID_TAX_ID = "1101700230708"


def test_the_check_digit_is_mod_11_of_the_weighted_sum():
    # 1*13 + 1*12 + 0*11 + 1*10 + 7*9 + 0*8 + 0*7 + 2*6 + 3*5 + 0*4 + 7*3 + 0*2 = 146; 146 mod 11 = 3; 11 - 3 = 8
    assert tax_id_check_digit("110170023070") == 8
    # a weighted sum of 0 mod 11 gives 11, written as 1; of 1 mod 11 gives 10, written as 0
    assert tax_id_check_digit("000000000000") == 1
    assert tax_id_check_digit("000000000006") == 0  # 6*2 = 12 = 1 mod 11


@pytest.mark.parametrize(("raw", "expected"), [
    ("0812345678", "0812345678"),
    ("081-234-5678", "0812345678"),
    (" 09 1234 5678 ", "0912345678"),
    ("+66 61 234 5678", "0612345678"),
    ("๐๘๑๒๓๔๕๖๗๘", "0812345678"),
    ("1-1017-00230-70-8", VALID_TAX_ID),
    ("1 1017 00230 70 8", VALID_TAX_ID),
])
def test_valid_ids_are_normalised_to_digits(raw, expected):
    assert promptpay_problem(raw) is None
    assert parse_promptpay_id(raw) == expected
    assert normalize_promptpay_id(raw) == expected


@pytest.mark.parametrize("raw", [
    "0212345678",      # a Bangkok landline, not a mobile
    "081234567",       # nine digits
    "08123456789",     # eleven digits
    "0712345678",      # not 06/08/09
    "110170023070",    # twelve digits
    "abc0812345678",
    "",
])
def test_other_numbers_are_refused(raw):
    assert promptpay_problem(raw) == NOT_A_PROMPTPAY_ID


@pytest.mark.parametrize("wrong_last_digit", [d for d in "0123456789" if d != "8"])
def test_a_13_digit_id_with_a_wrong_check_digit_is_refused(wrong_last_digit):
    raw = VALID_TAX_ID[:12] + wrong_last_digit
    assert not is_valid_tax_id(raw)
    assert promptpay_problem(raw) == BAD_CHECKSUM
    with pytest.raises(ValidationError) as caught:
        parse_promptpay_id(raw, field="company_promptpay")
    assert caught.value.fields == {"company_promptpay": BAD_CHECKSUM}


@pytest.mark.parametrize("raw", ["0212345678", VALID_TAX_ID[:12] + "0", "12345"])
def test_the_qr_code_refuses_what_sign_up_refuses(raw):
    with pytest.raises(ValueError, match="not a PromptPay ID"):
        promptpay_payload(raw, 10_000)


def test_the_qr_code_pays_a_tax_id_and_a_mobile_number_as_written():
    assert "0213" + VALID_TAX_ID in promptpay_payload("1-1017-00230-70-8", 10_000)
    assert "01130066812345678" in promptpay_payload("081-234-5678", 10_000)


def test_the_marketplace_refuses_to_start_with_a_promptpay_id_it_cannot_be_paid_to(tmp_path):
    with pytest.raises(ConfigurationError, match="PROMPTPAY_ID"):
        from_environment({"PROMPTPAY_ID": "0212345678", "SECRET_KEY": "x", "INSTANCE_PATH": str(tmp_path)})
    assert from_environment({"PROMPTPAY_ID": "081-234-5678", "SECRET_KEY": "x",
                             "INSTANCE_PATH": str(tmp_path)})["PROMPTPAY_ID"] == "081-234-5678"
