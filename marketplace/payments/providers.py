"""Which payment provider this marketplace runs with, from its settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from .gateway import PaymentGateway
from .models import PaymentMethod


def gateway_from_config(config: Mapping[str, Any]) -> PaymentGateway | None:
    """Stripe when its secret key is set, otherwise no provider."""
    if not config.get("STRIPE_SECRET_KEY"):
        return None
    from .stripe_gateway import StripeGateway

    return StripeGateway(config["STRIPE_SECRET_KEY"], config.get("STRIPE_WEBHOOK_SECRET", ""),
                         config.get("STRIPE_API_BASE") or None)


def available_methods(config: Mapping[str, Any], gateway: PaymentGateway | None) -> frozenset[PaymentMethod]:
    """Cash on delivery always; cards only through a provider; PromptPay through the
    provider or, without one, as a QR code to the operator's PROMPTPAY_ID."""
    methods = {PaymentMethod.COD}
    if gateway is not None:
        methods |= gateway.methods
    elif config.get("PROMPTPAY_ID"):
        methods.add(PaymentMethod.PROMPTPAY)
    return frozenset(methods)


def payment_window(config: Mapping[str, Any]) -> dt.timedelta:
    """How long an unpaid card or PromptPay order holds its stock (``ORDER_PAYMENT_WINDOW_MINUTES``)."""
    return dt.timedelta(minutes=config["ORDER_PAYMENT_WINDOW_MINUTES"])


def current_gateway() -> PaymentGateway | None:
    """The app's payment provider (bound in ``create_app``)."""
    from flask import current_app

    return current_app.extensions.get("payment_gateway")
