"""Accounts: registration, tokens, the caller."""

from __future__ import annotations

from pydantic import Field

from ...accounts.models import Role
from ...accounts.models import User as UserRecord
from .common import Input, Page, PageQuery, Shape, Timestamp


class User(Shape):
    id: int
    email: str = Field(description="Stored lower-cased", json_schema_extra={"format": "email"})
    name: str
    roles: list[Role]
    enterprise_ids: list[int]
    company_id: int | None

    @classmethod
    def of(cls, user: UserRecord) -> User:
        return cls(id=user.id, email=user.email, name=user.name, roles=sorted(user.roles),
                   enterprise_ids=sorted(member.enterprise_id for member in user.memberships),
                   company_id=user.company_id)


class UserEnvelope(Shape):
    user: User


class Token(Shape):
    token: str = Field(description="Send as 'Authorization: Bearer <token>'")
    expires_at: Timestamp
    user: User


class Registration(Input):
    """Checked further by the accounts service (password strength, email form, phone)."""

    email: str = Field(max_length=254, json_schema_extra={"format": "email"})
    password: str = Field(json_schema_extra={"minLength": 10},
                          description="At least 10 characters, not only letters or digits")
    name: str = Field(json_schema_extra={"maxLength": 120})
    phone: str | None = Field(default=None, description="A Thai phone number such as 0812345678")


class Credentials(Input):
    """Anything missing is refused as wrong credentials (401), never named (422)."""

    email: str | None = None
    password: str | None = None


class ManagedUser(User):
    """An account as the national admin sees it."""

    locked: bool = Field(description="A locked account cannot sign in and its tokens answer 401")

    @classmethod
    def of(cls, user: UserRecord) -> ManagedUser:
        return cls(**User.of(user).model_dump(), locked=not user.active)


class ManagedUserPage(Page):
    items: list[ManagedUser]


class UserSearch(PageQuery):
    q: str | None = Field(default=None, max_length=254, description="Part of the email or name, any case")


class UserChange(Input):
    """Any of the three; what is left out stays as it is."""

    roles: list[Role] | None = Field(
        default=None, description=f"one of {', '.join(Role)}", json_schema_extra={"minItems": 1})
    company_id: int | None = Field(
        default=None, description="the id of a company, required with the company role (unless the account "
                                  "already has one) and refused without it; cleared when the role goes")
    locked: bool | None = None
