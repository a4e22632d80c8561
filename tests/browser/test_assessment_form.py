"""The "Book a free assessment" form in Chromium: fill, consent, send, land on the thank-you page.

The form service is a stub on 127.0.0.1 that records each POST and, like a real service, answers with a
redirect to the address in the form's hidden ``_next`` field.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.site.helpers import run_build
from tests.site.test_assessment import real_content_with_endpoint
from tools.ghpages_server import PagesServer

from .conftest import BASE

pytestmark = pytest.mark.browser


@dataclass
class FormService:
    url: str
    posts: list[dict[str, list[str]]] = field(default_factory=list)


@pytest.fixture
def form_service() -> Iterator[FormService]:
    service = FormService("")

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            fields = parse_qs(body, keep_blank_values=True)
            service.posts.append(fields)
            self.send_response(HTTPStatus.SEE_OTHER)
            self.send_header("Location", fields.get("_next", ["/"])[0])
            self.end_headers()

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    service.url = f"http://127.0.0.1:{httpd.server_address[1]}/f/test"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield service
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def form_site(tmp_path: Path, form_service: FormService) -> Iterator[str]:
    """The real site with the stub as its endpoint, served under BASE; the origin is the server's own."""
    out = tmp_path / "site"
    with PagesServer(out, BASE) as server:  # started first: the build needs its address for `_next`
        origin = server.url.removesuffix(BASE)
        content = real_content_with_endpoint(tmp_path, form_service.url)
        result = run_build(content, out, "--base-url", BASE, "--origin", origin)
        assert result.returncode == 0, result.stderr
        yield server.url


def watch_errors(page: Page) -> list[str]:
    errors: list[str] = []  # a CSP refusal (form-action) shows up here as a console error
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def fill(page: Page, message: str | None = "I have a master's degree and CLB 9 in English.") -> None:
    page.get_by_label("Your name").fill("Amara Okafor")
    page.get_by_label("Your email address").fill("amara@mail.test")
    if message is not None:
        page.locator("#assessment-message").fill(message)


def test_the_visitor_sends_the_form_and_lands_on_the_thank_you_page(
    page: Page, form_site: str, form_service: FormService
) -> None:
    errors = watch_errors(page)
    page.goto(form_site + "assessment/")
    fill(page)
    consent = page.locator("#assessment-form input[name=consent]")

    page.locator("#assessment-form button[type=submit]").click()  # no consent yet: the browser refuses
    assert consent.evaluate("box => box.validity.valueMissing")
    page.wait_for_timeout(500)  # time enough for a POST to reach the stub, were one sent
    assert form_service.posts == []
    expect(page).to_have_url(form_site + "assessment/")

    consent.check()
    page.locator("#assessment-form button[type=submit]").click()
    expect(page).to_have_url(form_site + "assessment/thanks/")
    expect(page.locator("h1")).to_have_text("Thank you")
    assert len(form_service.posts) == 1
    post = form_service.posts[0]
    assert post["name"] == ["Amara Okafor"]
    assert post["email"] == ["amara@mail.test"]
    assert post["message"] == ["I have a master's degree and CLB 9 in English."]
    assert post["consent"] == ["yes"]
    assert post["_next"] == [form_site + "assessment/thanks/"]
    assert errors == []


def test_the_calculator_summary_fills_the_message_and_is_sent(
    page: Page, form_site: str, form_service: FormService
) -> None:
    page.goto(form_site + "assessment/#summary=" + "CRS score: 471")
    fill(page, message=None)
    expect(page.locator("#assessment-message")).to_have_value("CRS score: 471\n\n")
    page.locator("#assessment-form input[name=consent]").check()
    page.locator("#assessment-form button[type=submit]").click()
    expect(page).to_have_url(form_site + "assessment/thanks/")
    assert form_service.posts[0]["message"] == ["CRS score: 471\r\n\r\n"]  # forms send line breaks as CRLF


def test_the_form_works_without_javascript(browser: Browser, form_site: str, form_service: FormService) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(form_site + "assessment/")
        fill(page)
        page.locator("#assessment-form input[name=consent]").check()
        page.locator("#assessment-form button[type=submit]").click()
        expect(page).to_have_url(form_site + "assessment/thanks/")
        assert [p["name"] for p in form_service.posts] == [["Amara Okafor"]]
    finally:
        context.close()


def test_without_an_endpoint_the_email_link_carries_the_summary(page: Page, site_url: str) -> None:
    page.goto(site_url + "assessment/#summary=CRS%20score%3A%20471")
    assert page.locator("#assessment-form").count() == 0
    link = page.locator("#assessment-mailto")
    expect(link).to_have_attribute("href", "mailto:assessment@example.org?subject=Free%20assessment%20request"
                                   "&body=CRS%20score%3A%20471%0A%0A")
