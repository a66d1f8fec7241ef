"""The HTML report in a real browser: Debian's Chromium, headless, driven by Playwright's Python package.

Playwright never downloads a browser here: it starts the system's executable (``chromium`` on PATH, or
``CLEANER_CHROMIUM``). .ci/run installs both, so CI runs this test; elsewhere it is skipped only when
Chromium is absent, and says so.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from clirun import cli_process
from reportpage import lookup, make_dumps, shown_agrees

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _chromium() -> str:
    found = os.environ.get("CLEANER_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    reason = "the browser test needs Chromium (Debian: apt-get install chromium), and this machine has none"
    if os.environ.get("CI"):
        pytest.fail(reason + "; .ci/run installs it, so CI must never skip this test")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _chromium()
    from playwright.sync_api import sync_playwright  # the dev extra installs it

    with sync_playwright() as p:
        # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        b = p.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A small real run, as a user makes it: the bundled examples and dumps of every outcome, on two workers."""
    root = tmp_path_factory.mktemp("run")
    dumps = root / "dumps"
    make_dumps(dumps, n=30)
    shutil.copytree(EXAMPLES, dumps / "examples")
    page, summary = root / "report.html", root / "summary.json"
    ran = cli_process(
        "clean", dumps, "-o", root / "cleaned", "-j", "2", "--report", page, "--summary-json", summary, cwd=root
    )
    assert ran.code == 2, ran.stderr  # dumps/binary.txt cannot be decoded; the rest is cleaned and reported
    assert "Traceback" not in ran.stderr
    return page, json.loads(summary.read_text(encoding="utf-8"))


def _open(browser: Any, page_path: Path, javascript: bool = True) -> tuple[Any, list[str], list[str]]:
    """The report in a fresh page; console errors and every request other than the file itself are collected."""
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1200, "height": 900})
    url = page_path.as_uri()
    problems: list[str] = []
    requests: list[str] = []

    def only_the_file(route: Any) -> None:
        if route.request.url == url:
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_file)
    page = context.new_page()
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: requests.append(r.url) if r.url != url else None)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(200)  # any late request or error would show by now
    return page, problems, requests


def test_the_report_opens_offline_without_errors_and_shows_the_summary_figures(
    browser: Any, run: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    from playwright.sync_api import expect  # the dev extra installs it

    page_path, summary = run
    page, problems, requests = _open(browser, page_path)
    assert problems == []
    assert requests == []  # nothing but the file itself: no CDN, font, image or script from anywhere
    assert page.title() == f"cleaner report: {summary['totals']['documents']:,} documents"

    shown = page.eval_on_selector_all(
        "[data-figure]",
        "els => els.map(e => [e.dataset.figure, e.dataset.format, e.dataset.value,"
        " e.tagName.toLowerCase() === 'rect' ? null : e.innerText])",
    )
    paths = {path for path, *_ in shown}
    must = {"totals.documents", "totals.bytes_in", "totals.share_removed", "totals.documents_held"}
    must |= {"totals.files_failed", "run.seconds", "histogram.held", "rules.0.bytes", "sites.0.documents"}
    assert must <= paths, must - paths
    assert len([p for p in paths if p.startswith("histogram.bins.")]) == len(summary["histogram"]["bins"])
    for path, kind, value, text in shown:
        expected = lookup(summary, path)
        assert json.loads(value) == expected, path
        if text is not None:
            assert shown_agrees(kind or "int", text, expected), (path, text, expected)
    assert summary["totals"]["documents"] == 30 + 1 + 1 + 5  # dirty, clean, held back, the examples
    assert page.locator("#problems-error summary").inner_text().endswith(": 1")

    # A sample document is collapsed, and expands to its text with removed lines struck through and labelled.
    doc = page.locator("#docs-sample details.doc").first
    assert doc.get_attribute("open") is None
    assert not doc.locator(".ln").first.is_visible()
    doc.locator("summary").click()
    # Playwright's expect waits for the toggle: on a busy machine the attribute can lag the click's return.
    expect(doc).to_have_attribute("open", "")
    removed = doc.locator(".ln.rm").first
    assert removed.is_visible() and removed.locator("del").is_visible()
    rules = {r["rule"] for r in summary["rules"]}
    tags = doc.locator(".ln.rm .tag").all_inner_texts()
    assert tags and set(tags) <= rules
    assert doc.locator(".ln:not(.rm)").first.is_visible()  # the story stays, not struck through

    # "expand all" opens every document of its list; the rule filter keeps only matching rows.
    page.locator('#docs-most_removed button[data-expand="open"]').click()
    opened = page.eval_on_selector_all("#docs-most_removed details.doc", "ds => ds.map(d => d.open)")
    assert opened and all(opened)
    page.locator("#rule-filter").fill("ad-marker")
    visible = [r for r in page.locator("#rules tbody tr").all() if r.is_visible()]
    assert [r.locator("code").inner_text() for r in visible] == ["generic.ad-marker-line"]
    page.locator("#rule-filter").fill("")

    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    if target := os.environ.get("CLEANER_REPORT_SCREENSHOT"):  # how docs/report.png is made
        shutil.copyfile(shot, target)
    assert problems == [] and requests == []
    page.context.close()


def test_the_report_reads_with_javascript_off(browser: Any, run: tuple[Path, dict[str, Any]]) -> None:
    from playwright.sync_api import expect  # the dev extra installs it

    page_path, summary = run
    page, problems, requests = _open(browser, page_path, javascript=False)
    assert problems == [] and requests == []
    documents = page.locator('[data-figure="totals.documents"]').inner_text()
    assert documents == f"{summary['totals']['documents']:,}"
    assert not page.locator("#rule-filter").is_visible()  # the script's tools stay hidden without it
    doc = page.locator("#docs-least_removed details.doc").first
    doc.locator("summary").click()  # <details> opens without any script
    expect(doc.locator(".ln").first).to_be_visible()
    page.context.close()
