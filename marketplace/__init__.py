"""The OTOP community marketplace: a Flask application built by ``create_app``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask
from flask.json.provider import DefaultJSONProvider

from .config import from_environment


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: settings from the environment with ``config`` on top, then
    extensions, blueprints, error handlers, template helpers and commands."""
    settings = from_environment(config)
    app = Flask(
        __name__, template_folder="../templates", static_folder="../static",
        instance_path=settings["INSTANCE_PATH"],
    )
    app.config.update(settings)
    assert isinstance(app.json, DefaultJSONProvider)  # Flask's own, until an app sets json_provider_class
    app.json.ensure_ascii = False  # Thai text as UTF-8, not \u escapes
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    from . import models  # noqa: F401  (every mapper known before the first query)
    from .accounts.models import User
    from .extensions import babel, cache, csrf, db, limiter, login_manager
    from .i18n import select_locale

    db.init_app(app, engine=app.config.get("DATABASE_ENGINE"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, default_locale="th", default_timezone="Asia/Bangkok")
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config.get("REDIS_URL") or "memory://")
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    limiter.init_app(app)
    # Figures that may be a little old (the impact page): in Redis, shared by every worker, when
    # there is one; else in this process's memory.
    app.config.setdefault("CACHE_TYPE", "RedisCache" if app.config.get("REDIS_URL") else "SimpleCache")
    app.config.setdefault("CACHE_REDIS_URL", app.config.get("REDIS_URL") or None)
    app.config.setdefault("CACHE_KEY_PREFIX", "otop-marketplace:")
    cache.init_app(app)

    from .catalog.storage import storage_from_config
    from .payments.providers import gateway_from_config

    app.extensions["payment_gateway"] = gateway_from_config(app.config)
    app.extensions["media_storage"] = storage_from_config(app.config)

    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = None

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
        return user if user is not None and user.active else None


def register_blueprints(app: Flask) -> None:
    from flask_login import user_logged_in

    from .accounts.views import bp as accounts_bp
    from .admin.views import bp as admin_bp
    from .api import bp as api_bp
    from .backoffice import audit_views  # noqa: F401  (the audit pages join the company desk's blueprint)
    from .backoffice.views import bp as company_bp
    from .cart.views import bp as cart_bp
    from .cart.views import merge_cart_at_sign_in
    from .catalog.manage import bp as manage_bp
    from .catalog.photo_views import bp as photos_bp
    from .catalog.slot_views import bp as slots_bp
    from .enterprises.views import bp as enterprises_bp
    from .extensions import csrf
    from .orders.review_views import bp as reviews_bp
    from .orders.transfer_views import bp as admin_payments_bp
    from .orders.views import bp as orders_bp
    from .orders.views import checkout_bp
    from .reports.dashboard_views import bp as dashboard_bp
    from .reports.settlement_views import bp as settlement_bp
    from .reports.views import bp as sales_bp
    from .storefront.views import bp as catalog_bp

    pages = (
        catalog_bp, accounts_bp, cart_bp, checkout_bp, orders_bp, reviews_bp,  # consumers
        enterprises_bp, manage_bp, photos_bp, slots_bp, sales_bp,  # producers
        company_bp, settlement_bp, dashboard_bp,  # provincial companies
        admin_bp, admin_payments_bp,  # the national admin
    )
    for blueprint in pages:
        app.register_blueprint(blueprint)
    csrf.exempt(api_bp)  # bearer tokens, never cookies: no cross-site forgery to fear
    app.register_blueprint(api_bp)
    user_logged_in.connect(merge_cart_at_sign_in, app)


def register_errorhandlers(app: Flask) -> None:
    from .errorhandlers import register_errorhandlers as register

    register(app)


def register_template_helpers(app: Flask) -> None:
    from .geo import REGION_NAMES_TH
    from .i18n import LANGUAGES, current_language, localized, province_name
    from .money import format_satang

    app.add_template_filter(format_satang, "satang")
    app.add_template_global(localized)
    app.add_template_global(current_language)
    app.add_template_global(province_name)
    app.jinja_env.globals.update(LANGUAGES=LANGUAGES, REGION_NAMES_TH=REGION_NAMES_TH)  # values, not functions


def register_commands(app: Flask) -> None:
    from .cli import register_commands as register

    register(app)
