"""Browser journeys: Playwright drives Debian's Chromium (/usr/bin/chromium) against the live server.

No browser is ever downloaded. When Chromium is missing the journeys are skipped locally, and under
CI=true that skip fails the run (tests/conftest.py).
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium tidak ditemukan di {CHROMIUM} (apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ],
    }


@pytest.fixture
def site(live_server, wilayah):
    """The live server's base URL, with the reference data in place."""
    return live_server.url


@pytest.fixture
def login(page, site):
    """``login(email)`` signs in through the real login form."""
    from tests.factories import TEST_PASSWORD

    def do_login(email: str, password: str = TEST_PASSWORD):
        page.goto(f"{site}/akun/login/")
        page.locator("#id_login").fill(email)
        page.locator("#id_password").fill(password)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_load_state("networkidle")

    return do_login


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.browser)
