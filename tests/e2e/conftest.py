"""A real browser for the end-to-end tests: headless Chromium driven by Selenium.

Debian's ``chromium`` and ``chromium-driver`` are used as they are (``.ci/run``
installs them when missing): Selenium is pointed at both explicitly, so Selenium
Manager never looks for a driver on the network. Without them the tests fail with a
message saying what to install; they are never skipped.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("E2E_CHROMEDRIVER", "/usr/bin/chromedriver")
CHROME_ARGUMENTS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1280,1600", "--lang=th",
)
# Messages in the browser console that are not the page's fault.
IGNORED_CONSOLE = ("favicon.ico",)


def _missing() -> list[str]:
    return [path for path in (CHROMIUM, CHROMEDRIVER) if not (Path(path).is_file() and os.access(path, os.X_OK))]


@pytest.fixture
def browser() -> Iterator:
    """A fresh headless Chromium (its own profile, Thai as the preferred language) that
    fails the test at its end when the page logged a JavaScript error."""
    missing = _missing()
    if missing:
        pytest.fail(f"the browser tests need Debian's chromium and chromium-driver ({', '.join(missing)} missing): "
                    "apt-get install -y chromium chromium-driver", pytrace=False)
    os.environ.setdefault("SE_AVOID_STATS", "true")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="e2e-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in CHROME_ARGUMENTS:
        options.add_argument(argument)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_experimental_option("prefs", {"intl.accept_languages": "th,th-TH"})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.console_errors = []
    try:
        yield driver
        driver.console_errors.extend(console_errors(driver))
        assert not driver.console_errors, f"JavaScript errors in the browser: {driver.console_errors}"
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def console_errors(driver) -> list[str]:
    """The SEVERE messages of the browser console since the last call."""
    return [entry["message"] for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE" and not any(text in entry["message"] for text in IGNORED_CONSOLE)]
