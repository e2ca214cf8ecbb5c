"""The companies of the network: anyone reads them, admins change them. The rules live
in ``marketplace.companies.admin``."""

from __future__ import annotations

from ..accounts.models import Role, User
from ..companies.admin import update_company
from ..companies.models import ProvincialCompany
from ..companies.queries import all_companies, company_by_id
from ..db import utcnow
from ..extensions import db
from ..orders.reviews import company_service_ratings
from . import bp
from .auth import authenticated_user, current_api_user, require_role
from .declare import operation
from .schemas.companies import Company, CompanyChanges, CompanyList


def _is_admin(user: User | None) -> bool:
    return user is not None and user.has_role(Role.ADMIN)


def _answer(companies: list[ProvincialCompany], viewer: User | None) -> list[Company]:
    ratings = company_service_ratings(db.session, [company.id for company in companies])
    return [Company.of(company, ratings[company.id], private=_is_admin(viewer)) for company in companies]


@bp.get("/companies")
@operation(summary="The 77 provincial companies and the national company (never paged)", auth="optional",
           responses={200: CompanyList},
           description="Ordered by province code, the national company last. Admins also get each company's "
                       "commission, shipping fee and PromptPay ID.")
def companies():
    return CompanyList(items=_answer(all_companies(db.session), current_api_user()))


@bp.get("/companies/<int:id>")
@operation(summary="One company", auth="optional", responses={200: Company}, errors=(404,),
           description="Admins also get its commission, shipping fee and PromptPay ID.")
def company(id: int):  # named as in the contract: /companies/{id}
    return _answer([company_by_id(db.session, id)], current_api_user())[0]


@bp.patch("/companies/<int:id>")
@require_role(Role.ADMIN)
@operation(summary="Change a company", auth=True, body=CompanyChanges, responses={200: Company},
           errors=(403, 404, 409),
           description="Admins only. Commission and fee changes apply to orders placed afterwards; deactivating "
                       "a company sends its province's new orders to the national company while its open "
                       "fulfilments stay with it. 422 names each bad field and changes nothing; 409 "
                       "`invalid_transition` for deactivating the national company. The change is written to "
                       "the audit trail as `company.updated` with each changed field's before and after.")
def update(id: int, body: CompanyChanges):
    admin = authenticated_user()
    found = company_by_id(db.session, id)
    update_company(db.session, admin, found, now=utcnow(), **body.model_dump(exclude_unset=True))
    db.session.commit()
    return _answer([found], admin)[0]
