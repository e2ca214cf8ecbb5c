"""Community enterprises: sign-up, reading one, approval by the provincial company, and
the producers who co-manage one. The rules live in ``marketplace.enterprises.services``."""

from __future__ import annotations

from typing import Any

from flask import request

from ..accounts.models import Role
from ..enterprises import services
from ..enterprises.models import EnterpriseStatus
from ..enterprises.queries import (
    enterprise_for_member, enterprise_for_staff, enterprise_for_viewer, member_enterprises, sees_private_details,
    staff_enterprises,
)
from ..errors import ValidationError
from ..extensions import db
from ..pagination import parse_limit
from . import bp
from .auth import authenticated_user, current_api_user, require_role, require_user
from .body import json_body
from .openapi import PAGE_QUERY, query_param, ref, spec
from .serializers import enterprise_json, enterprises_page_json, member_json

SCOPES = ("member", "staff")
_STATUS_BODY = ("Optional JSON body `{\"reason\": \"...\"}` (at most 500 characters), shown to the "
                "enterprise's producers; without one the previous reason is cleared.")


def _optional_json_body() -> dict[str, Any]:
    """The JSON object of the body, or ``{}`` when the request has no body at all."""
    if not request.get_data(cache=True).strip():
        return {}
    return json_body()


def _details(body: dict[str, Any]) -> services.EnterpriseDetails:
    fields = services.EnterpriseDetails.__dataclass_fields__
    return services.EnterpriseDetails(**{name: body.get(name) for name in fields})


@bp.post("/enterprises")
@spec(summary="Register a community enterprise", auth=True, body=ref("EnterpriseRegistration"),
      responses={201: ref("Enterprise")}, errors=(409,),
      description="It starts `pending` until the company of its province approves it; the caller becomes "
                  "its producer. 422 names each bad field (registration number not as issued or not "
                  "matching the province and district, codes that do not exist or do not nest, a PromptPay "
                  "ID with a wrong check digit, OTOP stars outside 1–5); 409 `registration_taken`.")
@require_user
def create_enterprise():
    enterprise = services.register_enterprise(db.session, authenticated_user(), _details(json_body()))
    db.session.commit()
    return enterprise_json(enterprise, private=True), 201


@bp.get("/enterprises")
@spec(summary="The enterprises the caller manages, or oversees as company staff", auth=True,
      query=[
          query_param("scope", {"type": "string", "enum": list(SCOPES), "default": "member"},
                      "`member`: the caller's own enterprises (one page holds all); `staff`: those of the "
                      "caller's province(s) (all for an admin), pending first"),
          query_param("status", {"type": "string", "enum": [status.value for status in EnterpriseStatus]},
                      "Only enterprises with this status"),
          *PAGE_QUERY,
      ],
      responses={200: ref("EnterprisePage")}, errors=(403,))
@require_user
def enterprises():
    user = authenticated_user()
    scope = request.args.get("scope") or "member"
    raw_status = request.args.get("status") or None
    problems = {}
    if scope not in SCOPES:
        problems["scope"] = "member or staff"
    if raw_status is not None and raw_status not in EnterpriseStatus.__members__.values():
        problems["status"] = "one of " + ", ".join(EnterpriseStatus)
    if problems:
        raise ValidationError("Some filters are not valid", fields=problems)
    status = EnterpriseStatus(raw_status) if raw_status else None
    if scope == "staff":
        page = staff_enterprises(db.session, user, status=status, cursor=request.args.get("cursor") or None,
                                 limit=parse_limit(request.args.get("limit")))
        return enterprises_page_json(page)
    mine = [item for item in member_enterprises(db.session, user) if status is None or item.status is status]
    return {"items": [enterprise_json(item, private=True) for item in mine], "next_cursor": None}


@bp.get("/enterprises/<int:id>")
@spec(summary="One community enterprise", auth="optional", responses={200: ref("Enterprise")}, errors=(404,),
      description="Anyone sees an approved enterprise's public fields. Its members, the staff of its "
                  "province's company and admins also see pending and suspended ones, with the registration "
                  "number, PromptPay ID, status reason and members. 404 otherwise.")
def enterprise(id: int):  # named as in the contract: /enterprises/{id}
    viewer = current_api_user()
    found = enterprise_for_viewer(db.session, viewer, id)
    return enterprise_json(found, private=sees_private_details(db.session, viewer, found))


@bp.post("/enterprises/<int:id>/approve")
@spec(summary="Approve an enterprise (pending or suspended)", auth=True, responses={200: ref("Enterprise")},
      errors=(400, 403, 404, 409, 415, 422),
      description=f"{_STATUS_BODY} Staff of the company of its province, or an admin; 403 for anyone else, "
                  "404 for staff of another province; 409 `invalid_transition` when it is already approved.")
@require_role(Role.COMPANY, Role.ADMIN)
def approve_enterprise(id: int):
    user = authenticated_user()
    found = enterprise_for_staff(db.session, user, id)
    body = _optional_json_body()
    services.approve_enterprise(db.session, user, found, reason=body.get("reason"))
    db.session.commit()
    return enterprise_json(found, private=True)


@bp.post("/enterprises/<int:id>/suspend")
@spec(summary="Suspend an enterprise (pending or approved): its listings leave the storefront at once",
      auth=True, responses={200: ref("Enterprise")}, errors=(400, 403, 404, 409, 415, 422),
      description=f"{_STATUS_BODY} Staff of the company of its province, or an admin; 403 for anyone else, "
                  "404 for staff of another province; 409 `invalid_transition` when it is already suspended. "
                  "Nothing is deleted: approving it again brings its listings back.")
@require_role(Role.COMPANY, Role.ADMIN)
def suspend_enterprise(id: int):
    user = authenticated_user()
    found = enterprise_for_staff(db.session, user, id)
    body = _optional_json_body()
    services.suspend_enterprise(db.session, user, found, reason=body.get("reason"))
    db.session.commit()
    return enterprise_json(found, private=True)


@bp.post("/enterprises/<int:id>/members")
@spec(summary="Let another account co-manage an enterprise", auth=True, body=ref("MemberInvitation"),
      responses={201: ref("EnterpriseMember")}, errors=(404, 409),
      description="Its members only (404 for anyone else). The email must belong to an existing account "
                  "(422 otherwise: ask them to sign up first); they gain the producer role. "
                  "409 `already_member`.")
@require_user
def add_enterprise_member(id: int):
    user = authenticated_user()
    found = enterprise_for_member(db.session, user, id)
    added = services.add_member(db.session, user, found, json_body().get("email"))
    db.session.commit()
    return member_json(added), 201


@bp.delete("/enterprises/<int:id>/members/<int:user_id>")
@spec(summary="Remove a co-manager, or leave an enterprise (your own id)", auth=True, responses={204: None},
      errors=(404, 409),
      description="Its members only (404 for anyone else, and for a user who is not a member). "
                  "409 `last_member`: an enterprise always keeps one member.")
@require_user
def remove_enterprise_member(id: int, user_id: int):
    user = authenticated_user()
    found = enterprise_for_member(db.session, user, id)
    services.remove_member(db.session, user, found, user_id)
    db.session.commit()
    return "", 204
