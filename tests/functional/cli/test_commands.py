import pytest
from sqlalchemy import func, select

from marketplace.accounts.models import Role, User
from tests.factories import company_of


@pytest.fixture
def cli(app):
    return app.test_cli_runner()


@pytest.mark.parametrize("role", list(Role))
def test_create_user_for_every_role(cli, session, role):
    args = ["create-user", f"{role.value}@Example.TEST", "--password", "som-tam-thai-9", "--role", role.value]
    if role is Role.COMPANY:
        args += ["--province", "50"]
    result = cli.invoke(args=args)
    assert result.exit_code == 0, result.output
    user = session.scalar(select(User).where(User.email == f"{role.value}@example.test"))
    assert user.roles == {role}
    if role is Role.COMPANY:
        assert user.company_id == company_of(session, "50").id
        assert "เชียงใหม่" in result.output


def test_create_user_refuses_bad_input_with_a_clear_message(cli, session):
    result = cli.invoke(args=["create-user", "staff@example.test", "--password", "som-tam-thai-9",
                              "--role", "company", "--province", "99"])
    assert result.exit_code != 0
    assert "province" in result.output
    weak = cli.invoke(args=["create-user", "weak@example.test", "--password", "123", "--role", "admin"])
    assert weak.exit_code != 0 and "password" in weak.output
    assert session.scalar(select(User).where(User.email.in_(["staff@example.test", "weak@example.test"]))) is None


def test_seed_demo_prints_the_demo_accounts_and_skips_a_full_catalogue(cli, session):
    from tests.factories import make_listing

    make_listing(session)
    result = cli.invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert "not loaded" in result.output
    for role in Role:
        assert f"{role.value}@demo.otop.test" in result.output


def test_seed_demo_loads_an_order_history_once(cli, session):
    from marketplace.orders.models import Order

    first = cli.invoke(args=["seed-demo", "--orders", "12", "--months", "1"])
    assert first.exit_code == 0, first.output
    assert "Order history: 12 orders placed" in first.output
    assert "otop-history-demo" in first.output
    assert session.scalar(select(func.count()).select_from(Order)) == 12

    again = cli.invoke(args=["seed-demo", "--orders", "12", "--months", "1"])
    assert again.exit_code == 0, again.output
    assert "Order history is up to date (12 orders); nothing was added." in again.output
    assert session.scalar(select(func.count()).select_from(Order)) == 12
    skipped = cli.invoke(args=["seed-demo", "--if-empty"])
    assert "not loaded" in skipped.output


def test_seed_demo_without_history_places_no_order(cli, session):
    from marketplace.orders.models import Order

    result = cli.invoke(args=["seed-demo", "--no-history"])
    assert result.exit_code == 0, result.output
    assert "Order history" not in result.output
    assert session.scalar(select(func.count()).select_from(Order)) == 0
