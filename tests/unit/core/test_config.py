import pytest

from marketplace import create_app
from marketplace.config import from_environment
from marketplace.errors import ConfigurationError


def test_production_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("MARKETPLACE_ENV", "production")
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        from_environment({"INSTANCE_PATH": str(tmp_path)})


def test_production_with_stripe_needs_the_webhook_secret(monkeypatch, tmp_path):
    monkeypatch.setenv("MARKETPLACE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a-real-secret")
    monkeypatch.setenv("STRIPE_SECRET_KEY", "sk_live_x")
    monkeypatch.delenv("STRIPE_WEBHOOK_SECRET", raising=False)
    with pytest.raises(ConfigurationError, match="STRIPE_WEBHOOK_SECRET"):
        from_environment({"INSTANCE_PATH": str(tmp_path)})


def test_development_generates_a_secret_key_once_and_keeps_it(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("MARKETPLACE_ENV", raising=False)
    first = from_environment({"INSTANCE_PATH": str(tmp_path)})["SECRET_KEY"]
    second = from_environment({"INSTANCE_PATH": str(tmp_path)})["SECRET_KEY"]
    assert first == second and len(first) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_database_defaults_to_sqlite_under_instance(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = from_environment({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})
    assert config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'marketplace.db'}"


def test_bad_numbers_in_the_environment_are_named(monkeypatch, tmp_path):
    monkeypatch.setenv("MAX_UPLOAD_BYTES", "ten megabytes")
    with pytest.raises(ConfigurationError, match="MAX_UPLOAD_BYTES"):
        from_environment({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})


def test_sqlite_runs_with_foreign_keys_and_wal(tmp_path):
    from sqlalchemy import text

    app = create_app({"SECRET_KEY": "x", "INSTANCE_PATH": str(tmp_path),
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}"})
    with app.app_context():
        from marketplace.extensions import db

        with db.engine.connect() as connection:
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
