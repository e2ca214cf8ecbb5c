"""Community enterprises: sign-up, reading one, approval by the provincial company, and
the producers who co-manage one. The rules live in ``marketplace.enterprises.services``."""

from __future__ import annotations

from ..accounts.models import Role
from ..db import utcnow
from ..enterprises import services
from ..enterprises.queries import (
    enterprise_for_member, enterprise_for_staff, enterprise_for_viewer, member_enterprises, sees_private_details,
    staff_enterprises,
)
from ..extensions import db
from . import bp
from .auth import authenticated_user, current_api_user, require_role, require_user
from .declare import operation
from .schemas.enterprises import (
    Enterprise, EnterpriseMember, EnterprisePage, EnterpriseQuery, EnterpriseRegistration, EnterpriseStatusChange,
    MemberInvitation, StarsVerification,
)

_STATUS_BODY = ("Optional JSON body `{\"reason\": \"...\"}` (at most 500 characters), shown to the "
                "enterprise's producers; without one the previous reason is cleared.")


@bp.post("/enterprises")
@require_user
@operation(summary="Register a community enterprise", auth=True, body=EnterpriseRegistration,
           responses={201: Enterprise}, errors=(409,),
           description="It starts `pending` until the company of its province approves it; the caller becomes "
                       "its producer. 422 names each bad field (registration number not as issued or not "
                       "matching the province and district, codes that do not exist or do not nest, a PromptPay "
                       "ID with a wrong check digit, OTOP stars outside 1–5); 409 `registration_taken`.")
def create_enterprise(body: EnterpriseRegistration):
    details = services.EnterpriseDetails(**body.model_dump())
    enterprise = services.register_enterprise(db.session, authenticated_user(), details)
    db.session.commit()
    return Enterprise.of(enterprise, private=True), 201


@bp.get("/enterprises")
@require_user
@operation(summary="The enterprises the caller manages, or oversees as company staff", auth=True,
           query=EnterpriseQuery, responses={200: EnterprisePage}, errors=(403,),
           description="Every filter narrows what the caller may see anyway: with `scope=staff`, company staff "
                       "get their own provinces' enterprises (a `province` they do not oversee gives an empty "
                       "list), admins every province's. 422 names each filter that is not valid.")
def enterprises(query: EnterpriseQuery):
    user = authenticated_user()
    if query.scope == "staff":
        page = staff_enterprises(db.session, user, query, cursor=query.cursor, limit=query.limit)
        return EnterprisePage(items=[Enterprise.of(item, private=True) for item in page.items],
                              next_cursor=page.next_cursor)
    mine = member_enterprises(db.session, user, query)
    return EnterprisePage(items=[Enterprise.of(item, private=True) for item in mine], next_cursor=None)


@bp.get("/enterprises/<int:id>")
@operation(summary="One community enterprise", auth="optional", responses={200: Enterprise}, errors=(404,),
           description="Anyone sees an approved enterprise's public fields. Its members, the staff of its "
                       "province's company and admins also see pending and suspended ones, with the registration "
                       "number, PromptPay ID, status reason and members. 404 otherwise.")
def enterprise(id: int):  # named as in the contract: /enterprises/{id}
    viewer = current_api_user()
    found = enterprise_for_viewer(db.session, viewer, id)
    return Enterprise.of(found, private=sees_private_details(db.session, viewer, found))


@bp.post("/enterprises/<int:id>/approve")
@require_role(Role.COMPANY, Role.ADMIN)
@operation(summary="Approve an enterprise (pending or suspended)", auth=True, body=EnterpriseStatusChange,
           optional_body=True, responses={200: Enterprise}, errors=(403, 404, 409),
           description=f"{_STATUS_BODY} Staff of the company of its province, or an admin; 403 for anyone else, "
                       "404 for staff of another province; 409 `invalid_transition` when it is already approved.")
def approve_enterprise(id: int, body: EnterpriseStatusChange):
    user = authenticated_user()
    found = enterprise_for_staff(db.session, user, id)
    services.approve_enterprise(db.session, user, found, reason=body.reason)
    db.session.commit()
    return Enterprise.of(found, private=True)


@bp.post("/enterprises/<int:id>/suspend")
@require_role(Role.COMPANY, Role.ADMIN)
@operation(summary="Suspend an enterprise (pending or approved): its listings leave the storefront at once",
           auth=True, body=EnterpriseStatusChange, optional_body=True, responses={200: Enterprise},
           errors=(403, 404, 409),
           description=f"{_STATUS_BODY} Staff of the company of its province, or an admin; 403 for anyone else, "
                       "404 for staff of another province; 409 `invalid_transition` when it is already suspended. "
                       "Nothing is deleted: approving it again brings its listings back.")
def suspend_enterprise(id: int, body: EnterpriseStatusChange):
    user = authenticated_user()
    found = enterprise_for_staff(db.session, user, id)
    services.suspend_enterprise(db.session, user, found, reason=body.reason)
    db.session.commit()
    return Enterprise.of(found, private=True)


@bp.post("/enterprises/<int:id>/stars")
@require_role(Role.COMPANY, Role.ADMIN)
@operation(summary="Verify an enterprise's OTOP star level", auth=True, body=StarsVerification,
           responses={200: Enterprise}, errors=(403, 404),
           description="Staff of the company of its province, or an admin; 403 for anyone else, 404 for staff of "
                       "another province. Only verified stars show as stars on the storefront; "
                       "`otop_stars_declared` is what its producers declared.")
def verify_stars(id: int, body: StarsVerification):
    user = authenticated_user()
    found = enterprise_for_staff(db.session, user, id)
    services.verify_stars(db.session, user, found, body.otop_stars, now=utcnow())
    db.session.commit()
    return Enterprise.of(found, private=True)


@bp.post("/enterprises/<int:id>/members")
@require_user
@operation(summary="Let another account co-manage an enterprise", auth=True, body=MemberInvitation,
           responses={201: EnterpriseMember}, errors=(404, 409),
           description="Its members only (404 for anyone else). The email must belong to an existing account "
                       "(422 otherwise: ask them to sign up first); they gain the producer role. "
                       "409 `already_member`.")
def add_enterprise_member(id: int, body: MemberInvitation):
    user = authenticated_user()
    found = enterprise_for_member(db.session, user, id)
    added = services.add_member(db.session, user, found, body.email)
    db.session.commit()
    return EnterpriseMember.model_validate(added), 201


@bp.delete("/enterprises/<int:id>/members/<int:user_id>")
@require_user
@operation(summary="Remove a co-manager, or leave an enterprise (your own id)", auth=True, responses={204: None},
           errors=(404, 409),
           description="Its members only (404 for anyone else, and for a user who is not a member). "
                       "409 `last_member`: an enterprise always keeps one member.")
def remove_enterprise_member(id: int, user_id: int):
    user = authenticated_user()
    found = enterprise_for_member(db.session, user, id)
    services.remove_member(db.session, user, found, user_id)
    db.session.commit()
    return None, 204
