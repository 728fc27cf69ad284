"""Browser tests: a real Chromium against pytest-django's live server, with the site's own CSP in force.

Every test gets a fresh browser context. Console messages and uncaught page errors are recorded, and a
test fails when the browser blocked something under the Content Security Policy (an inline script or
style slipped in) or a script on the page threw. `assert_accessible(page)` runs axe-core on the page.

Tests here need the database of a transactional test with the reference data put back:
`pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)`.
"""

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, sync_playwright

from regions.models import Organisation, OrganisationKind

from ..factories import OrganisationFactory

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse ORM calls here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SOURCE = (Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js").read_text()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """async (tags) => {
    const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
    return results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.flat().join(" ")),
    }));
}"""


@dataclass
class BrowserLog:
    """What the page said on the console and which errors it threw."""

    console: list[ConsoleMessage] = field(default_factory=list)
    page_errors: list[Error] = field(default_factory=list)

    def record_console(self, message: ConsoleMessage) -> None:
        self.console.append(message)

    def record_page_error(self, error: Error) -> None:
        self.page_errors.append(error)

    def problems(self) -> list[str]:
        blocked = [
            f"console {message.type}: {message.text}"
            for message in self.console
            if message.type == "error" and "content security policy" in message.text.lower()
        ]
        return blocked + [f"page error: {error.message}" for error in self.page_errors]


BROWSER_LOG = pytest.StashKey[tuple[Page, BrowserLog]]()


@pytest.fixture(scope="session")
def browser(django_db_setup) -> Browser:
    # Once Playwright's event loop runs in this thread, Django keeps its connections in async-local
    # storage, so tests get new connection objects. Hand them the snapshot that tests/conftest.py took,
    # or serialized_rollback would have nothing to restore when the browser tests follow other tests.
    snapshots = {
        connection.alias: connection._test_serialized_contents
        for connection in connections.all()
        if hasattr(connection, "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        for alias, snapshot in snapshots.items():
            connections[alias]._test_serialized_contents = snapshot
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        connections.close_all()


@pytest.fixture
def browser_locale() -> str:
    """The browser's language; parametrise it to test as a reader with another language."""
    return "nl-NL"


@pytest.fixture
def page(request, browser: Browser, live_server, browser_locale: str) -> Page:
    """A page in a fresh browser context whose base URL is the live server, so `page.goto("/regios/")` works."""
    context = browser.new_context(base_url=live_server.url, locale=browser_locale)
    page = context.new_page()
    log = BrowserLog()
    page.on("console", log.record_console)
    page.on("pageerror", log.record_page_error)
    request.node.stash[BROWSER_LOG] = (page, log)
    yield page
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Fail a test that passed its assertions when the browser blocked content or a script threw."""
    report = yield
    if report.when == "call" and report.passed and BROWSER_LOG in item.stash:
        page, log = item.stash[BROWSER_LOG]
        with contextlib.suppress(Error):
            page.evaluate("0")  # a round trip, so that console events still under way are delivered
        if problems := log.problems():
            report.outcome = "failed"
            report.longrepr = "The browser reported:\n" + "\n".join(f"  {problem}" for problem in problems)
    return report


def assert_accessible(page: Page) -> None:
    """Run axe-core (WCAG 2.1 A and AA) on the page and fail with a readable list of what it found.

    axe is evaluated through the DevTools protocol rather than added as a <script>, so the page's
    Content Security Policy stays as strict as it is for visitors.
    """
    page.evaluate(AXE_SOURCE)
    assert page.evaluate("typeof window.axe === 'object' && typeof window.axe.run === 'function'"), (
        "axe-core did not load"
    )
    violations = page.evaluate(RUN_AXE, AXE_TAGS)
    lines = [
        f"- {v['id']} ({v['impact']}): {v['help']}\n" + "\n".join(f"    {target}" for target in v["targets"])
        for v in violations
    ]
    if violations:
        pytest.fail(f"{len(violations)} accessibility violation(s) on {page.url}:\n" + "\n".join(lines), pytrace=False)


@pytest.fixture
def lead() -> Organisation:
    """A municipality that leads the initiative under test."""
    return OrganisationFactory(kind=OrganisationKind.MUNICIPALITY)
