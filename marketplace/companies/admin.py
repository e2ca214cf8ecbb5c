"""The national admin's edits of a company: whether it takes orders, its commission and
shipping fee, where it is paid and how it is reached.

A change applies from then on only: each fulfilment keeps the commission and shipping
fee it was placed at, and deactivating a company sends its province's *new* orders to
the national company (``services.company_for_province``) while its open fulfilments
stay with it. Services flush; the caller commits.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from sqlalchemy.orm import Session

from ..accounts.models import Role, User
from ..accounts.services import EMAIL_RE, THAI_PHONE_RE, normalize_email, normalize_phone
from ..audit.services import record
from ..errors import Forbidden, InvalidTransition, ValidationError
from ..promptpay import normalize_promptpay_id, promptpay_problem
from .models import ProvincialCompany

EDITABLE: Final = ("active", "commission_bps", "shipping_fee_satang", "promptpay_id", "phone", "email", "address")
COMMISSION_MAX_BPS: Final = 10_000
SHIPPING_FEE_MAX_SATANG: Final = 100_000_000  # one million baht: far above any parcel, inside a 32-bit column
ADDRESS_MAX: Final = 500

# The reasons given in ``ValidationError.fields``; the pages say them in the reader's words.
NOT_TRUE_OR_FALSE: Final = "true or false"
COMMISSION_RANGE: Final = "a whole number of basis points from 0 to 10000"
SHIPPING_FEE_RANGE: Final = "a whole number of satang from 0 to 100000000"
NOT_A_PHONE: Final = "a Thai phone number such as 053123456 or 0812345678"
NOT_AN_EMAIL: Final = "not a valid email address"
ADDRESS_TOO_LONG: Final = "at most 500 characters"


def update_company(session: Session, admin: User, company: ProvincialCompany, *, now: dt.datetime,
                   **changes: Any) -> dict[str, list[Any]]:
    """Change any of ``EDITABLE`` on ``company`` and write one ``company.updated`` audit
    entry holding ``{field: [before, after]}`` of what really changed (none when nothing
    did). Returns that mapping.

    ``promptpay_id``, ``phone``, ``email`` and ``address`` are cleared by ``None`` or
    blank text; the PromptPay ID and phone are stored as digits, the email in lower case.
    Raises ``Forbidden`` unless ``admin`` is an admin; ``ValidationError`` naming every
    bad field (commission outside 0–10000 basis points, a negative or huge fee, a
    PromptPay ID, phone or email that is not one, ``active`` not a boolean), writing
    nothing; ``InvalidTransition`` when asked to deactivate the national company, which
    takes the orders of every inactive company; ``TypeError`` for a field not in ``EDITABLE``.
    """
    if not admin.has_role(Role.ADMIN):
        raise Forbidden("Only admins can change a company")
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"update_company() cannot change {', '.join(sorted(unknown))}")
    values = _checked(changes)
    if company.is_national and values.get("active") is False:
        raise InvalidTransition("The national company cannot be deactivated: it takes the orders of every "
                                "province whose company is inactive")
    changed: dict[str, list[Any]] = {}
    for name, value in values.items():
        before = getattr(company, name)
        if before != value:
            changed[name] = [before, value]
            setattr(company, name, value)
    if changed:
        record(session, "company.updated", subject_type="company", subject_id=company.id, company_id=company.id,
               actor=admin, at=now, detail=changed)
        session.flush()
    return changed


def _checked(changes: dict[str, Any]) -> dict[str, Any]:
    """The changes as column values; ``ValidationError`` naming every bad one."""
    problems: dict[str, str] = {}
    values: dict[str, Any] = {}
    if "active" in changes:
        if isinstance(changes["active"], bool):
            values["active"] = changes["active"]
        else:
            problems["active"] = NOT_TRUE_OR_FALSE
    for name, high, why in (("commission_bps", COMMISSION_MAX_BPS, COMMISSION_RANGE),
                            ("shipping_fee_satang", SHIPPING_FEE_MAX_SATANG, SHIPPING_FEE_RANGE)):
        if name not in changes:
            continue
        value = changes[name]
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= high:
            values[name] = value
        else:
            problems[name] = why
    if "promptpay_id" in changes:
        raw = _text(changes["promptpay_id"])
        problem = promptpay_problem(raw) if raw else None
        if problem:
            problems["promptpay_id"] = problem
        values["promptpay_id"] = normalize_promptpay_id(raw) if raw else None
    if "phone" in changes:
        phone = normalize_phone(_text(changes["phone"]))
        if phone is not None and not THAI_PHONE_RE.match(phone):
            problems["phone"] = NOT_A_PHONE
        values["phone"] = phone
    if "email" in changes:
        email = normalize_email(_text(changes["email"])) or None
        if email is not None and (len(email) > 254 or not EMAIL_RE.match(email)):
            problems["email"] = NOT_AN_EMAIL
        values["email"] = email
    if "address" in changes:
        address = _text(changes["address"]) or None
        if address is not None and len(address) > ADDRESS_MAX:
            problems["address"] = ADDRESS_TOO_LONG
        values["address"] = address
    for name in ("promptpay_id", "phone", "email", "address"):
        if name in changes and changes[name] is not None and not isinstance(changes[name], str):
            problems[name] = "text"
    if problems:
        raise ValidationError("Please correct the highlighted fields", fields=problems)
    return values


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""
