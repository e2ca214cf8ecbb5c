"""Command-line tools: ``flask --app wsgi <command>``."""

from __future__ import annotations

import click
from alembic import command as alembic
from alembic.config import Config
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import func, select

from .accounts.models import Role
from .clock import today_in_thailand
from .db import begin_write, utcnow
from .errors import DomainError
from .extensions import db
from .migrate import alembic_config


def _alembic() -> Config:
    return alembic_config(current_app.config["DATABASE_URL"])


db_group = AppGroup("db", help="Database migrations (alembic).")


@db_group.command("upgrade", help="Apply migrations up to REVISION (default: head).")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    alembic.upgrade(_alembic(), revision)


@db_group.command("downgrade", help="Revert migrations down to REVISION (e.g. -1 or base).")
@click.argument("revision", default="-1")
def db_downgrade(revision: str) -> None:
    alembic.downgrade(_alembic(), revision)


@db_group.command("current", help="Show the revision the database is at.")
def db_current() -> None:
    alembic.current(_alembic(), verbose=False)


@db_group.command("revision", help="Create a new migration, compared against the models.")
@click.option("-m", "--message", required=True)
@click.option("--autogenerate/--empty", default=True)
def db_revision(message: str, autogenerate: bool) -> None:
    alembic.revision(_alembic(), message=message, autogenerate=autogenerate)


@db_group.command("check", help="Fail when the models and the migrations disagree.")
def db_check() -> None:
    alembic.check(_alembic())


def _fail(error: DomainError) -> None:
    detail = "; ".join(f"{field}: {why}" for field, why in error.fields.items())
    raise click.ClickException(f"{error.message}{' (' + detail + ')' if detail else ''}")


@click.command("create-user", help="Create an account (the only way to make company and admin users).")
@click.argument("email")
@click.option("--password", required=True)
@click.option("--role", required=True, type=click.Choice([role.value for role in Role]))
@click.option("--province", "province_code", default=None, help="Province code of a company user's company.")
@click.option("--name", default=None)
@with_appcontext
def create_user_command(email: str, password: str, role: str, province_code: str | None, name: str | None) -> None:
    from .catalog.reference import ensure_reference_data
    from .companies.services import create_staff_user

    session = db.session
    try:
        ensure_reference_data(session)
        user = create_staff_user(session, email=email, password=password, role=Role(role), name=name,
                                 province_code=province_code)
    except DomainError as error:
        session.rollback()
        _fail(error)
    session.commit()
    company = f" of {user.company.name_th}" if user.company is not None else ""
    click.echo(f"{user.email}: {', '.join(sorted(user.roles))}{company}")


@click.command("seed-demo", help="Load the demo catalogue, one account per role and a year of order history "
                                 "(idempotent).")
@click.option("--if-empty", is_flag=True, help="Do nothing when listings already exist.")
@click.option("--history/--no-history", default=True, show_default=True,
              help="Also play the order history through the order services.")
@click.option("--orders", default=None, type=click.IntRange(10, 20_000),
              help="Orders in the history (default 1600).")
@click.option("--months", default=None, type=click.IntRange(1, 24), help="Months of history before today (default 12).")
@with_appcontext
def seed_demo_command(if_empty: bool, history: bool, orders: int | None, months: int | None) -> None:
    from .catalog.models import Listing
    from .catalog.seed import demo_accounts_text, seed_demo
    from .catalog.storage import media_storage
    from .demo.history import DEFAULT_MONTHS, DEFAULT_ORDERS, seed_history
    from .payments.providers import payment_window

    session = db.session
    if if_empty and session.scalar(select(func.count(Listing.id))):
        click.echo("The catalogue already has listings; demo data not loaded.")
        click.echo(demo_accounts_text())
        return
    today = today_in_thailand()
    report = seed_demo(session, media_storage(), today=today)
    session.flush()
    history_report = None
    if history:
        history_report = seed_history(session, today=today, orders=orders or DEFAULT_ORDERS,
                                      months=months or DEFAULT_MONTHS,
                                      payment_window=payment_window(current_app.config))
    session.commit()
    click.echo(report.summary())
    if history_report is not None:
        click.echo(history_report.summary())


@click.command("expire-orders", help="Expire unpaid orders past their payment window and mark delivered the "
                                     "parcels not confirmed within 14 days (safe to run every minute).")
@with_appcontext
def expire_orders_command() -> None:
    from .backoffice.workflow import auto_deliver
    from .orders.services import expire_orders
    from .payments.providers import current_gateway

    session = db.session
    begin_write(session)
    now = utcnow()
    expired = expire_orders(session, now=now)
    delivered = auto_deliver(session, now=now, gateway=current_gateway())
    session.commit()
    click.echo(f"{len(expired)} unpaid order(s) expired; {len(delivered)} parcel(s) marked delivered")


@click.command("send-mail", help="Send the emails waiting in the outbox.")
@click.option("--batch", default=100, show_default=True, help="At most this many emails per run.")
@with_appcontext
def send_mail_command(batch: int) -> None:
    from .notifications.mailer import send_pending, transport_from_config
    from .orders.emails import email_renderer

    config = current_app.config
    session = db.session
    with current_app.test_request_context(base_url=config["PUBLIC_BASE_URL"]):
        sent, failed = send_pending(session, render=email_renderer(session), transport=transport_from_config(config),
                                    sender=config["MAIL_DEFAULT_SENDER"], now=utcnow(), batch=batch)
    click.echo(f"{sent} email(s) sent, {failed} failed (they will be retried)")


def register_commands(app: Flask) -> None:
    app.cli.add_command(db_group)
    app.cli.add_command(create_user_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(expire_orders_command)
    app.cli.add_command(send_mail_command)
