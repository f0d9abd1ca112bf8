"""The page of `eventlens serve` in headless Chromium (Debian's), driven by Playwright: it
loads with no network, shows markers on the map, and an event's highlighted evidence."""

import os
import re

import pytest
from live import HTML_LADEN, launch_chromium

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # the test extras are not installed
    if os.environ.get("CI"):
        raise
    pytest.skip("playwright is not installed: pip install -e '.[test]'", allow_module_level=True)

GOMA = "wire/goma-patrol#e1"


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        opened = launch_chromium(playwright)
        yield opened
        opened.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that may reach the server and nothing else: any other request is
    refused and recorded, as are script errors."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    opened.elsewhere, opened.errors = [], []

    def only_localhost(route):
        if route.request.url.startswith(server + "/"):
            route.continue_()
        else:
            opened.elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", only_localhost)
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    opened.on("console", lambda message: opened.errors.append(message.text) if message.type == "error" else None)
    opened.goto(server + "/")
    opened.wait_for_selector("body[data-ready]")
    yield opened
    context.close()


def test_the_page_loads_with_no_network_and_shows_markers(page):
    expect(page.locator(".event-marker, .event-cluster").first).to_be_visible()
    expect(page.locator(".event-marker[title*='Goma']")).to_be_visible()
    expect(page.locator(".event-cluster [title='2 events: 2 ASSAULT']")).to_have_count(1)  # at Bunia
    assert page.locator(".leaflet-overlay-pane path").count() > 100  # the country outlines
    expect(page.locator("#events tbody tr[data-event-id]")).to_have_count(3)
    expect(page.locator("#timeline rect.bar")).to_have_count(2)  # two days, one type
    expect(page.locator("#status")).to_contain_text("3 events from 4 documents")
    assert page.elsewhere == [] and page.errors == []


def test_clicking_a_marker_shows_the_highlighted_evidence(page):
    page.locator(".event-marker[title*='Goma']").click()  # (clicking waits for it to be there)
    article = page.locator("article.document")
    evidence = article.locator("mark.hl-evidence")
    expect(evidence.first).to_be_visible()
    marked = "".join(evidence.all_text_contents())  # the sentence, cut where values are marked in it
    assert marked == "Gunmen attacked an army patrol near Goma on Saturday, killing four soldiers, the army said."
    expect(article.locator(".hl-fatalities")).to_have_text("killing four soldiers")
    expect(article.locator(".hl-actor").first).to_be_visible()
    expect(article.locator(".hl-date, .hl-time").first).to_have_text("Saturday")
    expect(article.locator(".hl-location").first).to_have_text("Goma")
    expect(page.locator("#event .sources")).to_contain_text("the army said")
    assert page.url.endswith("#event=wire%2Fgoma-patrol%23e1")
    assert page.errors == []


def test_html_in_a_document_shows_as_text(page):
    page.locator(".event-marker[title*='Goma']").click()
    text = page.locator("article.document .article-text")
    expect(text).to_contain_text("<script>window.pwned = 'script'</script>")
    expect(text).to_contain_text("<b>fled</b>")
    expect(page.locator("article.document h4")).to_have_text(HTML_LADEN["title"])
    assert page.locator("#event script, #event img, #event b").count() == 0
    assert page.locator("#event a[href^='javascript']").count() == 0  # the document's javascript: URL
    assert page.evaluate("window.pwned") is None
    assert page.errors == [] and page.elsewhere == []


def test_a_row_opens_an_event_with_every_report(page):
    page.locator("#events tr[data-event-id='market-1#e1']").click()
    expect(page.locator("article.document")).to_have_count(2)  # both reports of the market attack
    expect(page.locator("#event h2")).to_have_text(re.compile("^ASSAULT"))
    expect(page.locator("article.document mark.hl-evidence").first).to_be_visible()


def test_brushing_the_timeline_filters_the_map_and_table(page):
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 36, y)  # from the first day (2024-03-09) ...
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.4, y, steps=5)  # ... to before the last (2024-03-11)
    page.mouse.up()
    expect(page.locator("#range")).to_have_text(re.compile("^2024-03-09 to 2024-03-(09|10)$"))
    expect(page.locator("#events tbody tr[data-event-id]")).to_have_count(1)
    expect(page.locator(".event-marker, .event-cluster")).to_have_count(1)
    expect(page.locator(".event-marker[title*='Goma']")).to_have_count(1)
    page.locator("#clear-range").click()
    expect(page.locator("#events tbody tr[data-event-id]")).to_have_count(3)
    assert page.errors == []


def test_bad_filters_show_the_api_message(page):
    page.fill("input[name=country]", "Atlantis")
    page.click("button[type=submit]")
    expect(page.locator("#error")).to_contain_text("unknown country 'Atlantis'")
    page.fill("input[name=country]", "COD")
    page.click("button[type=submit]")
    expect(page.locator("#error")).to_be_hidden()
    expect(page.locator("#events tbody tr[data-event-id]")).to_have_count(3)
