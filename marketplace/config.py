"""Settings read from the environment.

Every setting has a safe embedded default for development, except the secrets: in
production (``MARKETPLACE_ENV=production``) the app refuses to start without a
``SECRET_KEY``; in development one is generated once and kept under ``instance/``.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import ConfigurationError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_PATH", PROJECT_ROOT / "instance"))


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() not in {"0", "false", "no", "off"}


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be a whole number, not {raw!r}") from exc


def _secret_key(env: str, instance_dir: Path) -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if env == "production":
        raise ConfigurationError("SECRET_KEY must be set in production")
    key_file = instance_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def _check_promptpay_id(promptpay_id: str) -> None:
    """A PROMPTPAY_ID that the checkout's QR codes could not pay to is refused at start,
    rather than offering PromptPay and then showing no code."""
    from .promptpay import promptpay_problem

    problem = promptpay_problem(promptpay_id) if promptpay_id else None
    if problem:
        raise ConfigurationError(f"PROMPTPAY_ID {promptpay_id!r} is not a PromptPay ID: {problem}")


def from_environment(overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The configuration for ``create_app``: ``os.environ`` with ``overrides`` on top
    (tests pass their settings there). Raises ``ConfigurationError``."""
    overrides = dict(overrides or {})
    env = overrides.get("ENV_NAME") or os.environ.get("MARKETPLACE_ENV", "development")
    instance_dir = Path(overrides.get("INSTANCE_PATH") or INSTANCE_DIR)
    config: dict[str, Any] = {
        "ENV_NAME": env,
        "INSTANCE_PATH": str(instance_dir),
        "SECRET_KEY": overrides.get("SECRET_KEY") or _secret_key(env, instance_dir),
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{instance_dir / 'marketplace.db'}",
        "MEDIA_ROOT": os.environ.get("MEDIA_ROOT") or str(instance_dir / "media"),
        "MEDIA_URL": os.environ.get("MEDIA_URL", "/media/"),
        "MAX_CONTENT_LENGTH": _int("MAX_UPLOAD_BYTES", 10 * 1024 * 1024),
        "STRIPE_SECRET_KEY": os.environ.get("STRIPE_SECRET_KEY", ""),
        "STRIPE_PUBLISHABLE_KEY": os.environ.get("STRIPE_PUBLISHABLE_KEY", ""),
        "STRIPE_WEBHOOK_SECRET": os.environ.get("STRIPE_WEBHOOK_SECRET", ""),
        "STRIPE_API_BASE": os.environ.get("STRIPE_API_BASE", ""),
        "STRIPE_JS_URL": os.environ.get("STRIPE_JS_URL", "https://js.stripe.com/v3/"),
        "PROMPTPAY_ID": os.environ.get("PROMPTPAY_ID", ""),
        "MAIL_BACKEND": os.environ.get("MAIL_BACKEND", "console"),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", "localhost"),
        "MAIL_PORT": _int("MAIL_PORT", 25),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _bool(os.environ.get("MAIL_USE_TLS"), False),
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER", "no-reply@otop.example"),
        "PUBLIC_BASE_URL": os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000"),
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
        "RATELIMIT_ENABLED": _bool(os.environ.get("RATELIMIT_ENABLED"), True),
        "RATELIMIT_AUTH": os.environ.get("RATELIMIT_AUTH", "10/minute"),
        "API_TOKEN_TTL_HOURS": _int("API_TOKEN_TTL_HOURS", 24 * 30),
        "ORDER_PAYMENT_WINDOW_MINUTES": _int("ORDER_PAYMENT_WINDOW_MINUTES", 30),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env == "production",
        "REMEMBER_COOKIE_SECURE": env == "production",
    }
    config.update(overrides)
    _check_promptpay_id(config["PROMPTPAY_ID"])
    if env == "production" and config["STRIPE_SECRET_KEY"] and not config["STRIPE_WEBHOOK_SECRET"]:
        raise ConfigurationError("STRIPE_WEBHOOK_SECRET must be set when STRIPE_SECRET_KEY is")
    return config
