"""Which database backends the suite runs on: SQLite always, PostgreSQL too when
``TEST_DATABASE_URL`` names one (CI does)."""

import os

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if TEST_DATABASE_URL else [])
