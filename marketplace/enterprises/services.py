"""Community enterprises: sign-up, approval by the provincial company, and the
producers who co-manage an enterprise.

Services take the session, the acting user and plain arguments; they validate, raise
``marketplace.errors`` and flush, and the request commits once. The pages and the API
both call them, so every rule below lives only here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .. import geo
from ..accounts.models import Role, User
from ..accounts.services import user_by_email
from ..audit.services import record
from ..companies.models import ProvincialCompany
from ..db import utcnow
from ..errors import Conflict, Forbidden, InvalidTransition, NotFound, ValidationError
from ..promptpay import normalize_promptpay_id, promptpay_problem
from .models import CommunityEnterprise, EnterpriseMember, EnterpriseStatus
from .queries import is_staff, oversees

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# As the Community Enterprise Promotion Division issues it: type-province-district-
# subdistrict/group-serial, e.g. 5-50-01-01/1-0001.
REGISTRATION_RE = re.compile(r"^(\d)-(\d{2})-(\d{2})-(\d{2})/(\d)-(\d{4})$")
REGISTRATION_EXAMPLE = "5-50-01-01/1-0001"

NAME_MAX = 200
DESCRIPTION_MAX = 5000
REASON_MAX = 500
EMAIL_MAX = 254

# The reasons given in ``ValidationError.fields``; the pages translate them by these texts.
REQUIRED_NAME = f"required, at most {NAME_MAX} characters"
NAME_TOO_LONG = f"at most {NAME_MAX} characters"
DESCRIPTION_TOO_LONG = f"at most {DESCRIPTION_MAX} characters"
REGISTRATION_FORMAT = f"the registration number as issued, such as {REGISTRATION_EXAMPLE}"
REGISTRATION_PROVINCE = "its second group must be the province code of the address"
REGISTRATION_DISTRICT = "its third group must be the last two digits of the district code"
REGISTRATION_TAKEN = "already registered"
STARS_RANGE = "a whole number from 1 to 5, or empty"
NOT_TEXT = "must be text"
REASON_REQUIRED = "a reason is required"
REASON_TOO_LONG = f"at most {REASON_MAX} characters"
NO_ACCOUNT = "no account with this email"
NOT_AN_EMAIL = "not a valid email address"
ALREADY_MEMBER = "already a member"


@dataclass(frozen=True)
class EnterpriseDetails:
    """What a producer fills in to register an enterprise, as it came in (text from a
    form or values from JSON); ``register_enterprise`` checks and normalises it."""

    name_th: Any
    registration_no: Any
    province_code: Any
    district_code: Any
    subdistrict_code: Any
    name_en: Any = None
    description_th: Any = None
    description_en: Any = None
    promptpay_id: Any = None
    otop_stars: Any = None


# -- checking the details -----------------------------------------------------------------------

def _text(value: Any, field: str, problems: dict[str, str], *, limit: int, required: bool = False,
          required_reason: str = REQUIRED_NAME, too_long: str = NAME_TOO_LONG) -> str | None:
    """Stripped text, ``None`` for blank; notes a problem for non-text, missing or too long."""
    if value is None:
        text = ""
    elif isinstance(value, str):
        text = value.strip()
    else:
        problems[field] = NOT_TEXT
        return None
    if not text:
        if required:
            problems[field] = required_reason
        return None
    if len(text) > limit:
        problems[field] = too_long
        return None
    return text


def _code(value: Any) -> str:
    """A DOPA code as sent: text with Thai digits read; anything else becomes ``""``
    (which is no code at all, and ``address_problems`` says so)."""
    if isinstance(value, str):
        return value.strip().translate(_THAI_DIGITS)
    return ""


def normalize_registration_no(raw: str) -> str:
    """``" 5-50-01-01 / 1-0001 "`` → ``"5-50-01-01/1-0001"``: blanks dropped, Thai digits read."""
    return re.sub(r"\s+", "", raw.translate(_THAI_DIGITS))


def registration_problem(registration_no: str, province_code: str, district_code: str) -> str | None:
    """Why a (normalised) registration number does not fit the enterprise's address, or
    ``None``: its second group is the province code and its third the district's last two
    digits. Pass the codes only once they are known to be valid."""
    match = REGISTRATION_RE.match(registration_no)
    if match is None:
        return REGISTRATION_FORMAT
    if province_code and match[2] != province_code:
        return REGISTRATION_PROVINCE
    if district_code and match[3] != district_code[2:]:
        return REGISTRATION_DISTRICT
    return None


def _stars(value: Any, problems: dict[str, str]) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        problems["otop_stars"] = STARS_RANGE
        return None
    return value


def registration_taken(session: Session, registration_no: str) -> bool:
    return bool(session.scalar(select(exists().where(CommunityEnterprise.registration_no == registration_no))))


def _checked(session: Session, details: EnterpriseDetails) -> dict[str, Any]:
    """The details as column values; ``ValidationError`` naming every bad field."""
    problems: dict[str, str] = {}
    values: dict[str, Any] = {
        "name_th": _text(details.name_th, "name_th", problems, limit=NAME_MAX, required=True),
        "name_en": _text(details.name_en, "name_en", problems, limit=NAME_MAX),
        "description_th": _text(details.description_th, "description_th", problems,
                                limit=DESCRIPTION_MAX, too_long=DESCRIPTION_TOO_LONG),
        "description_en": _text(details.description_en, "description_en", problems,
                                limit=DESCRIPTION_MAX, too_long=DESCRIPTION_TOO_LONG),
        "otop_stars_declared": _stars(details.otop_stars, problems),
    }

    province_code, district_code, subdistrict_code = (
        _code(details.province_code), _code(details.district_code), _code(details.subdistrict_code)
    )
    address = geo.address_problems(province_code, district_code, subdistrict_code)
    problems.update(address)
    values.update(province_code=province_code, district_code=district_code, subdistrict_code=subdistrict_code)

    registration = _text(details.registration_no, "registration_no", problems, limit=40,
                         required_reason=REGISTRATION_FORMAT, too_long=REGISTRATION_FORMAT, required=True)
    if registration is not None:
        registration = normalize_registration_no(registration)
        problem = registration_problem(
            registration,
            province_code if "province_code" not in address else "",
            district_code if not {"province_code", "district_code"} & set(address) else "",
        )
        if problem:
            problems["registration_no"] = problem
    values["registration_no"] = registration

    promptpay = _text(details.promptpay_id, "promptpay_id", problems, limit=40)
    if promptpay is not None:
        problem = promptpay_problem(promptpay)
        if problem:
            problems["promptpay_id"] = problem
        promptpay = normalize_promptpay_id(promptpay)
    values["promptpay_id"] = promptpay

    if problems or registration is None:
        raise ValidationError("Please correct the highlighted fields", fields=problems)
    if registration_taken(session, registration):
        raise Conflict("An enterprise with this registration number is already registered",
                       code="registration_taken", fields={"registration_no": REGISTRATION_TAKEN})
    return values


# -- sign-up ------------------------------------------------------------------------------------

def register_enterprise(session: Session, actor: User, details: EnterpriseDetails) -> CommunityEnterprise:
    """Register a community enterprise for its provincial company to approve.

    It starts ``pending``; ``actor`` becomes its first member and gains the producer role.
    Raises ``ValidationError`` naming each bad field (missing Thai name, registration
    number not as issued or not matching the province and district of the address,
    unknown or mismatched province/district/subdistrict codes, a PromptPay ID that is
    neither a Thai mobile number nor a 13-digit ID with a valid check digit, OTOP stars
    outside 1–5) and ``Conflict`` ``registration_taken`` for a number already registered.
    Nothing is written when it raises.
    """
    values = _checked(session, details)
    enterprise = CommunityEnterprise(status=EnterpriseStatus.PENDING, **values)
    try:
        with session.begin_nested():
            session.add(enterprise)
            session.flush()
    except IntegrityError:  # registered by someone else a moment ago
        raise Conflict("An enterprise with this registration number is already registered",
                       code="registration_taken", fields={"registration_no": REGISTRATION_TAKEN}) from None
    _add_member(session, enterprise, actor)
    return enterprise


# -- publishing ---------------------------------------------------------------------------------

def ensure_can_publish(enterprise: CommunityEnterprise) -> None:
    """Only an approved enterprise may put listings on sale.

    Raises ``Conflict`` ``enterprise_not_approved`` while it is pending or suspended.
    """
    if enterprise.status is EnterpriseStatus.APPROVED:
        return
    if enterprise.status is EnterpriseStatus.SUSPENDED:
        message = ("This enterprise is suspended by its provincial company, so its listings cannot be "
                   "published")
    else:
        message = ("This enterprise is waiting for its provincial company's approval; listings can be "
                   "published once it is approved")
    raise Conflict(message, code="enterprise_not_approved")


# -- approval -----------------------------------------------------------------------------------

# The allowed moves of an enterprise's status; anything else is an InvalidTransition.
TRANSITIONS: dict[EnterpriseStatus, frozenset[EnterpriseStatus]] = {
    EnterpriseStatus.PENDING: frozenset({EnterpriseStatus.APPROVED, EnterpriseStatus.SUSPENDED}),
    EnterpriseStatus.APPROVED: frozenset({EnterpriseStatus.SUSPENDED}),
    EnterpriseStatus.SUSPENDED: frozenset({EnterpriseStatus.APPROVED}),
}


def ensure_staff_of(session: Session, actor: User, enterprise: CommunityEnterprise) -> None:
    """``Forbidden`` unless ``actor`` is company staff or an admin; ``NotFound`` when they
    are staff, but of another province's company."""
    if not is_staff(actor):
        raise Forbidden("Only the staff of the provincial company or an admin may do this")
    if not oversees(session, actor, enterprise):
        raise NotFound("Enterprise not found")


def _company_of_province(session: Session, enterprise: CommunityEnterprise) -> int | None:
    """The id of the company of the enterprise's province: whose staff read its audit entries."""
    return session.scalar(
        select(ProvincialCompany.id).where(ProvincialCompany.province_code == enterprise.province_code)
    )


def change_enterprise_status(session: Session, actor: User, enterprise: CommunityEnterprise,
                             to: EnterpriseStatus, *, reason: str | None = None,
                             now: dt.datetime | None = None) -> CommunityEnterprise:
    """Move ``enterprise`` to ``to`` along ``TRANSITIONS``, keeping the reason (shown to
    its producers) and when it happened; a new status without a reason clears the old one.

    Suspending hides every listing of the enterprise from the storefront at once (the
    storefront shows approved enterprises only); nothing is deleted. Raises ``Forbidden``
    for a caller who is neither company staff nor admin, ``NotFound`` for staff of another
    province, ``ValidationError`` for a reason over 500 characters, and
    ``InvalidTransition`` for a move the table does not allow (approving an approved one).
    Writes the audit entry ``enterprise.approved`` / ``enterprise.suspended``, readable by
    the staff of the company of its province.
    """
    ensure_staff_of(session, actor, enterprise)
    problems: dict[str, str] = {}
    reason = _text(reason, "reason", problems, limit=REASON_MAX, too_long=REASON_TOO_LONG)
    if problems:
        raise ValidationError("Please correct the reason", fields=problems)
    if to not in TRANSITIONS.get(enterprise.status, frozenset()):
        raise InvalidTransition(f"An enterprise that is {enterprise.status.value} cannot become {to.value}",
                                current_status=enterprise.status.value)
    before = enterprise.status
    enterprise.status = to
    enterprise.status_reason = reason
    enterprise.status_changed_at = now or utcnow()
    company = _company_of_province(session, enterprise)
    record(session, f"enterprise.{to.value}", subject_type="enterprise", subject_id=enterprise.id,
           company_id=company, actor=actor, at=enterprise.status_changed_at, from_status=before.value,
           to_status=to.value, note=reason)
    session.flush()
    return enterprise


def approve_enterprise(session: Session, actor: User, enterprise: CommunityEnterprise, *,
                       reason: str | None = None, now: dt.datetime | None = None) -> CommunityEnterprise:
    """Approve a pending or suspended enterprise; see ``change_enterprise_status``."""
    return change_enterprise_status(session, actor, enterprise, EnterpriseStatus.APPROVED, reason=reason, now=now)


def suspend_enterprise(session: Session, actor: User, enterprise: CommunityEnterprise, *,
                       reason: str | None = None, now: dt.datetime | None = None) -> CommunityEnterprise:
    """Suspend a pending or approved enterprise; see ``change_enterprise_status``."""
    return change_enterprise_status(session, actor, enterprise, EnterpriseStatus.SUSPENDED, reason=reason,
                                    now=now)


def verify_stars(session: Session, actor: User, enterprise: CommunityEnterprise, stars: Any, *,
                 now: dt.datetime) -> CommunityEnterprise:
    """Confirm the enterprise's OTOP star level (1 to 5, or ``None``: no verified level):
    the storefront shows only verified stars. Staff of the company of its province and
    admins only (``Forbidden`` / ``NotFound`` as ``ensure_staff_of``); ``ValidationError``
    for another value. Writes ``enterprise.stars_verified`` with the level before and after."""
    ensure_staff_of(session, actor, enterprise)
    problems: dict[str, str] = {}
    level = _stars(stars, problems)
    if problems:
        raise ValidationError("OTOP stars are a level from 1 to 5", fields=problems)
    before = enterprise.otop_stars
    enterprise.otop_stars = level
    company = _company_of_province(session, enterprise)
    record(session, "enterprise.stars_verified", subject_type="enterprise", subject_id=enterprise.id,
           company_id=company, actor=actor, at=now,
           detail={"otop_stars": [before, level], "otop_stars_declared": enterprise.otop_stars_declared})
    session.flush()
    return enterprise


# -- members ------------------------------------------------------------------------------------

def _membership(session: Session, enterprise: CommunityEnterprise, user_id: int) -> EnterpriseMember | None:
    return session.get(EnterpriseMember, (enterprise.id, user_id))


def _ensure_member(session: Session, actor: User, enterprise: CommunityEnterprise) -> None:
    if _membership(session, enterprise, actor.id) is None:
        raise NotFound("Enterprise not found")


def _add_member(session: Session, enterprise: CommunityEnterprise, user: User) -> EnterpriseMember:
    user.add_role(Role.PRODUCER)
    member = EnterpriseMember(enterprise=enterprise, user=user)
    session.add(member)
    session.flush()
    return member


def add_member(session: Session, actor: User, enterprise: CommunityEnterprise, email: Any) -> User:
    """Let the account with ``email`` co-manage ``enterprise``; they gain the producer role.

    Raises ``NotFound`` unless ``actor`` is a member, ``ValidationError`` (``email``) for a
    malformed email or one without an account (they must sign up first), and ``Conflict``
    ``already_member`` for someone who already manages it.
    """
    _ensure_member(session, actor, enterprise)
    if not isinstance(email, str) or not email.strip() or len(email.strip()) > EMAIL_MAX or "@" not in email:
        raise ValidationError("Enter the email address of their account", fields={"email": NOT_AN_EMAIL})
    user = user_by_email(session, email)
    if user is None or not user.active:
        raise ValidationError(
            "There is no account with this email. Ask them to sign up first, then invite them again.",
            fields={"email": NO_ACCOUNT},
        )
    if _membership(session, enterprise, user.id) is not None:
        raise Conflict("They already manage this enterprise", code="already_member",
                       fields={"email": ALREADY_MEMBER})
    _add_member(session, enterprise, user)
    return user


def remove_member(session: Session, actor: User, enterprise: CommunityEnterprise, user_id: int) -> None:
    """Remove a co-manager from ``enterprise``, or let ``actor`` leave it (``user_id`` is
    their own). The last member can never go: an enterprise always has someone to run it.

    Raises ``NotFound`` unless ``actor`` is a member or when ``user_id`` is not one, and
    ``Conflict`` ``last_member`` for the only member left. Roles are kept.
    """
    _ensure_member(session, actor, enterprise)
    member = _membership(session, enterprise, user_id)
    if member is None:
        raise NotFound("Member not found")
    count = session.execute(
        select(func.count()).select_from(EnterpriseMember).where(EnterpriseMember.enterprise_id == enterprise.id)
    ).scalar_one()
    if count <= 1:
        raise Conflict("An enterprise needs at least one member, so its last member cannot leave",
                       code="last_member")
    user = member.user
    session.delete(member)
    session.flush()
    session.expire(enterprise, ["members"])
    session.expire(user, ["memberships"])
