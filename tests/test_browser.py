"""What a person sees: the served pages in a real headless Chromium (issue #6).

``newsledger serve`` runs in a subprocess on a free loopback port over a ledger built from the bundled
samples; Selenium drives Debian's Chromium through its ChromeDriver (``/usr/bin/chromium``,
``/usr/bin/chromedriver``, from the apt packages ``chromium`` and ``chromium-driver``; ``.ci/run`` installs
them). Nothing is downloaded: no browser or driver comes from Selenium. Without the browser, the driver or
Selenium the tests skip and say why. Deselect them with ``-m "not browser"``.

Screenshots go to ``tests/artifacts/`` (ignored by git). ``docs/images/story.png`` (the README's picture) is a
copy of ``tests/artifacts/story-desktop.png``; set ``NEWSLEDGER_UPDATE_DOCS_SCREENSHOT=1`` to refresh it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from newsledger.ledger import SAMPLES, Ledger

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
DOCS_SCREENSHOT = ROOT / "docs" / "images" / "story.png"

CHROMIUM = os.environ.get("NEWSLEDGER_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = os.environ.get("NEWSLEDGER_CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/bin/chromedriver"
# Without the background-networking flags Chromium keeps calling out, and the closed network refuses it.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--force-device-scale-factor=1", "--window-size=1280,900",
]
PHONE_WIDTH = 390
TARGET_BACKGROUND = "rgb(255, 235, 59)"  # .hl:target { background: #ffeb3b } in web/static


def _missing_browser() -> str | None:
    for name, path in (("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER)):
        if not (Path(path).is_file() and os.access(path, os.X_OK)):
            return (f"no {name} at {path}: install Debian's chromium and chromium-driver "
                    "(apt-get install chromium chromium-driver; .ci/run does)")
    return None


@pytest.fixture(scope="module")
def webdriver_module():
    reason = _missing_browser()
    if reason:
        pytest.skip(reason)
    return pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")


@contextlib.contextmanager
def serving(db: Path, folder: Path, *options: str):
    """``newsledger serve`` over ``db`` (with ``options``) on a free loopback port, until the block ends; yields its
    URL. tests/test_web_serve.py uses it too."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = (folder / "serve.log").open("w+")
    command = [sys.executable, "-c", "import sys; from newsledger.cli import run; sys.argv[0] = 'newsledger'; run()",
               "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port), *options]
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                log.seek(0)
                pytest.fail(f"newsledger serve exited with {server.returncode}:\n{log.read()}")
            try:
                with urllib.request.urlopen(url + "/", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"newsledger serve did not answer on {url} within 60 s")
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory, webdriver_module):
    """``newsledger serve`` on a free loopback port, over the samples' ledger."""
    folder = tmp_path_factory.mktemp("browser")
    db = folder / "ledger.duckdb"
    with Ledger(db) as ledger:
        ledger.ingest([SAMPLES])
    with serving(db, folder) as url:
        yield url


@pytest.fixture(scope="module")
def browser(webdriver_module):
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="newsledger-chromium-")
    options = webdriver_module.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver_module.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def desktop(browser):
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    browser.set_window_size(1280, 900)
    return browser


def screenshot(driver, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    assert driver.save_screenshot(str(path)), f"could not save {path}"
    return path


def screenshot_down_to(driver, name: str, selector: str) -> Path:
    """A screenshot of the page from its top down to the bottom of ``selector``, beyond the window if need be."""
    import base64

    width, bottom = driver.execute_script(
        "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
        " return [document.documentElement.clientWidth, Math.ceil(r.bottom + window.scrollY) + 16]", selector)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": bottom, "scale": 1}})
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def open_story(driver, base_url: str) -> str:
    """Open the stories list and click the (only) story's link, as a person would."""
    from selenium.webdriver.common.by import By

    driver.get(base_url + "/")
    links = driver.find_elements(By.CSS_SELECTOR, "main a[href^='/stories/']")
    assert links, "the stories list links no story"
    links[0].click()
    wait_for(driver, lambda d: "/stories/" in d.current_url)
    assert driver.find_element(By.CSS_SELECTOR, "main h1").is_displayed()
    return driver.current_url


def wait_for(driver, condition, timeout: float = 10):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def killed_claim_link(driver, claim: str):
    """The evidence link of ``claim`` in the discrepancy table's killed-count update."""
    from selenium.webdriver.common.by import By

    rows = driver.find_elements(By.CSS_SELECTOR, "table.discrepancies tbody tr")
    killed = [r for r in rows if r.find_element(By.CSS_SELECTOR, "td").text.split("\n")[0].strip() == "killed"]
    assert killed, "no killed row in the discrepancy table: " + " | ".join(r.text for r in rows)
    row = killed[0]
    assert "update" in row.find_elements(By.CSS_SELECTOR, "td")[1].text
    links = [a for a in row.find_elements(By.CSS_SELECTOR, ".claims li.claim a") if a.text.strip("“”\"") == claim]
    assert len(links) == 1, f"the killed update has no single claim {claim!r}: {row.text!r}"
    return links[0]


def test_story_evidence_links_open_highlighted_spans(desktop, base_url):
    from selenium.webdriver.common.by import By

    story_url = open_story(desktop, base_url)
    # Sources, timeline and the discrepancy table: the README's picture.
    screenshot_down_to(desktop, "story-desktop.png", "section[aria-labelledby='disc-h']")
    if os.environ.get("NEWSLEDGER_UPDATE_DOCS_SCREENSHOT"):
        DOCS_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ARTIFACTS / "story-desktop.png", DOCS_SCREENSHOT)

    for claim in ("At least two", "At least one"):
        link = killed_claim_link(desktop, claim)
        href = link.get_attribute("href")
        assert "/articles/" in href and "#s-" in href, href
        fragment = href.split("#", 1)[1]
        link.click()
        wait_for(desktop, lambda d, href=href: d.current_url == href)

        assert desktop.find_element(By.CSS_SELECTOR, "main h1.article-title").is_displayed()
        span = desktop.find_element(By.ID, fragment)
        assert span.is_displayed(), f"#{fragment} is not displayed"
        assert span.text == claim
        assert desktop.execute_script("return arguments[0].matches(':target')", span)
        assert desktop.execute_script("return getComputedStyle(arguments[0]).backgroundColor", span) == TARGET_BACKGROUND
        # The browser scrolled to it: the span's line is in the viewport (it lands flush with the top edge,
        # its box a fraction of a pixel above it, so its middle is what is checked).
        top, bottom, height = desktop.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom, window.innerHeight]", span)
        assert 0 <= (top + bottom) / 2 <= height, f"#{fragment} is outside the viewport ({top}..{bottom} of {height})"
        screenshot(desktop, "article-evidence-" + claim.lower().replace(" ", "-") + ".png")

        desktop.back()
        wait_for(desktop, lambda d: d.current_url == story_url)


def test_pages_fit_a_phone_screen(browser, base_url):
    from selenium.webdriver.common.by import By

    # A desktop window cannot be made this narrow; emulate the phone's viewport instead.
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": PHONE_WIDTH, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        open_story(browser, base_url)
        assert browser.execute_script("return window.innerWidth") == PHONE_WIDTH
        story_url = browser.current_url
        article_href = killed_claim_link(browser, "At least two").get_attribute("href")
        for url in (story_url, article_href, base_url + "/"):
            browser.get(url)
            widths = browser.execute_script(
                "return [document.documentElement.scrollWidth, window.innerWidth]")
            assert widths[0] <= widths[1] + 1, f"{url} scrolls sideways at {PHONE_WIDTH} px: {widths}"
            if url == story_url:
                screenshot(browser, "story-phone.png")
        # The wide discrepancy table scrolls inside its own box, not the page.
        browser.get(story_url)
        box = browser.find_element(By.CSS_SELECTOR, "table.discrepancies").find_element(By.XPATH, "..")
        assert box.value_of_css_property("overflow-x") == "auto"
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})



def test_every_claim_and_timeline_label_reads_at_phone_width(browser, base_url):
    """Issue 21: at 390 px the discrepancy table showed only each row's first claim (the others past the edge of
    its scroll box) and the timeline's text shrank with the plot to 7 px. The seed sample's story disagrees with
    itself (the killed count, among others), so its page has discrepancies with two or more claims."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": PHONE_WIDTH, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        open_story(browser, base_url)
        assert browser.execute_script("return window.innerWidth") == PHONE_WIDTH
        claims = browser.execute_script(
            "return [...document.querySelectorAll('table.discrepancies .claim')].map(c => {"
            " const r = c.getBoundingClientRect(), s = getComputedStyle(c);"
            " return {text: c.textContent.trim().replace(/\\s+/g, ' '), left: r.left, right: r.right,"
            " width: r.width, shown: s.display !== 'none' && s.visibility !== 'hidden',"
            " font: parseFloat(s.fontSize), row: c.closest('tr').rowIndex}})")
        rows = {c["row"] for c in claims}
        assert claims and any(sum(c["row"] == row for c in claims) > 1 for row in rows), claims
        for claim in claims:
            assert claim["shown"] and claim["width"] > 0, claim
            assert 0 <= claim["left"] and claim["right"] <= PHONE_WIDTH + 0.5, f"a claim is past the edge: {claim}"
            assert claim["font"] >= 12, claim
        widths = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1] + 1, f"the story page scrolls sideways at {PHONE_WIDTH} px: {widths}"
        # Each timeline label's rendered size: its font size times the plot's scale on screen.
        sizes = browser.execute_script(
            "return [...document.querySelectorAll('svg.timeline text')].map(t =>"
            " parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a)")
        assert sizes and min(sizes) >= 12, f"timeline text {min(sizes or [0]):.1f} px tall at {PHONE_WIDTH} px"
        screenshot(browser, "story-phone-discrepancies.png")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

def _focused(driver) -> dict:
    return driver.execute_script(
        "const e = document.activeElement; return {tag: e.tagName.toLowerCase(), text: e.textContent.trim(),"
        " href: e.getAttribute('href'), tabindex: e.getAttribute('tabindex'), title: e.getAttribute('title'),"
        " in_main: !!e.closest('main'), note: getComputedStyle(e, '::after').content};")


def _tab(driver, times: int = 1) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    for _ in range(times):
        ActionChains(driver).send_keys(Keys.TAB).perform()


def test_keyboard_reaches_the_content(desktop, base_url):
    from selenium.webdriver.common.keys import Keys

    story_url = open_story(desktop, base_url)
    desktop.get(story_url)  # a fresh load: focus starts at the top of the document

    # The first Tab reaches the skip link; following it puts the next Tab inside <main>.
    _tab(desktop)
    first = _focused(desktop)
    assert first["tag"] == "a" and first["href"] == "#main", first
    desktop.switch_to.active_element.send_keys(Keys.ENTER)
    _tab(desktop)
    after_skip = _focused(desktop)
    assert after_skip["in_main"] and after_skip["tag"] == "a", after_skip

    # Without the skip link, a few more Tabs pass the header's links and land in <main> too.
    desktop.get(story_url)
    stops = []
    for _ in range(6):
        _tab(desktop)
        stops.append(_focused(desktop))
        if stops[-1]["in_main"]:
            break
    assert stops[-1]["in_main"] and (stops[-1]["tag"] == "a" or stops[-1]["tabindex"] == "0"), stops

    # On an article page the text is one Tab stop, however many spans it highlights (issue 21: a keyboard user
    # tabbed through each of them, 243 on a long article, before the next section). From the "skip" link before
    # the text, at most two Tabs reach what follows it; Enter on the link jumps there at once.
    article_url = killed_claim_link_href(desktop, story_url)
    desktop.get(article_url)
    spans = desktop.execute_script("return document.querySelectorAll('.text .hl[data-note]').length")
    assert spans > 2, spans
    desktop.execute_script("document.querySelector('a.skip-text').focus()")
    after = desktop.execute_script(
        "const all = [...document.querySelectorAll('main a[href], main [tabindex]')]"
        ".filter(e => e.tabIndex >= 0 && !e.closest('.text') && e.compareDocumentPosition(document.querySelector('.text'))"
        " & Node.DOCUMENT_POSITION_PRECEDING); return all[0].outerHTML")
    stops = []
    for _ in range(2):
        _tab(desktop)
        stops.append(desktop.execute_script("return document.activeElement.outerHTML"))
        if stops[-1] == after:
            break
    assert stops[-1] == after, [stop[:80] for stop in stops]
    assert stops[0].startswith('<div class="text" tabindex="0"'), stops[0][:80]
    desktop.execute_script("document.querySelector('a.skip-text').focus()")
    desktop.switch_to.active_element.send_keys(Keys.ENTER)
    _tab(desktop)
    assert desktop.execute_script("return document.activeElement.outerHTML") == after

    # A highlighted span still shows its note when clicked (focused without being a Tab stop).
    desktop.get(article_url)
    span = desktop.find_element("css selector", ".text .hl[data-note][tabindex]")
    span.click()
    focused = _focused(desktop)
    assert focused["tag"] == "span" and focused["tabindex"] == "-1" and focused["in_main"], focused
    assert focused["title"], focused
    assert focused["note"] not in ("none", "normal", ""), f"a focused span shows no note: {focused}"


def killed_claim_link_href(driver, story_url: str) -> str:
    """The article page of the "At least one" claim, without its fragment (focus then starts at the top)."""
    driver.get(story_url)
    return killed_claim_link(driver, "At least one").get_attribute("href").split("#", 1)[0]


# -- records as feeds give them (issue 21) ---------------------------------------------------------------------------

FEED_URL_ID = "https://example.com/news/2024/a?x=1#frag"
DISGUISED_OUTLET = "CNN\u202eevil"
LONG_WORD = "w" * 20_000


@pytest.fixture(scope="module")
def feed_url(tmp_path_factory, webdriver_module):
    """``newsledger serve`` over a feed's articles: one with a URL for its id, one from a disguised outlet beside a
    plain one, one with a 20,000-character word."""
    folder = tmp_path_factory.mktemp("browser-feed")
    feed = folder / "feed.jsonl"
    lines = [
        {"id": FEED_URL_ID, "title": "Harbour bridge closes", "outlet": "Example News", "published": "2024-03-01",
         "text": "The harbour bridge in Portsmouth closed on Monday after a crack was found, engineer Mary Jones said."},
        {"id": "disguised 1", "title": "Library wins award", "outlet": DISGUISED_OUTLET, "published": "2024-03-02",
         "text": "The city library in Leeds won a national design award on Tuesday, director Paul Brown said."},
        {"id": "disguised 2", "title": "Library award for Leeds", "outlet": "Reuters", "published": "2024-03-02",
         "text": "The city library in Leeds won a national design award on Tuesday, director Paul Brown said."},
        {"id": "long", "title": "Flood warning in Devon " + "t" * 3_000, "outlet": "O" * 3_000, "published": "2024-03-03",
         "text": "Heavy rain brought flood warnings to Exeter on Wednesday, forecaster Anna White said. " + LONG_WORD},
    ]
    feed.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    db = folder / "ledger.duckdb"
    with Ledger(db) as ledger:
        ledger.ingest([feed])
    with serving(db, folder) as url:
        yield url


def test_a_url_like_id_opens_from_its_links(desktop, feed_url):
    from selenium.webdriver.common.by import By

    desktop.get(feed_url + "/")
    story = next(a for a in desktop.find_elements(By.CSS_SELECTOR, "main a[href^='/stories/']") if a.text == "Harbour bridge closes")
    story.click()
    wait_for(desktop, lambda d: "/stories/" in d.current_url)
    assert desktop.find_element(By.CSS_SELECTOR, "main h1").text == "Harbour bridge closes"
    desktop.find_element(By.LINK_TEXT, "Harbour bridge closes").click()
    wait_for(desktop, lambda d: "/articles/" in d.current_url)
    assert desktop.find_element(By.CSS_SELECTOR, "main h1.article-title").text == "Harbour bridge closes"
    assert FEED_URL_ID in desktop.find_element(By.CSS_SELECTOR, "dl.meta").text


def test_a_bidi_override_reverses_nothing(desktop, feed_url):
    from selenium.webdriver.common.by import By

    desktop.get(feed_url + "/")
    cells = [row.find_elements(By.CSS_SELECTOR, "td")[2].text for row in desktop.find_elements(By.CSS_SELECTOR, "main tbody tr")]
    assert "CNN[U+202E]evil, Reuters" in cells, cells  # read left to right, the override shown, its neighbour intact


@pytest.mark.parametrize("width", [1280, PHONE_WIDTH])
def test_long_unbroken_text_wraps_on_every_page(browser, feed_url, width):
    from selenium.webdriver.common.by import By

    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": width == PHONE_WIDTH})
    try:
        browser.get(feed_url + "/api/articles/long")
        story = json.loads(browser.find_element(By.TAG_NAME, "body").text)["story"]
        for path in ("/", "/articles/long", f"/stories/{story}"):
            browser.get(feed_url + path)
            widths = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
            assert widths[0] <= widths[1] + 1, f"{path} is {widths[0]} px wide at {width} px"
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_a_rebound_host_name_reads_nothing(webdriver_module, feed_url):
    """A page of attacker.example whose name now resolves to 127.0.0.1 (DNS rebinding) gets a 400, not the ledger."""
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    port = feed_url.rsplit(":", 1)[1]
    profile = tempfile.mkdtemp(prefix="newsledger-chromium-")
    options = webdriver_module.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--host-resolver-rules=MAP attacker.example 127.0.0.1"]:
        options.add_argument(flag)
    driver = webdriver_module.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        driver.get(f"http://attacker.example:{port}/api/articles")
        text = driver.find_element(By.TAG_NAME, "body").text
        assert text.startswith("Invalid Host header") and FEED_URL_ID not in text
        driver.get(f"http://localhost:{port}/api/articles")
        assert FEED_URL_ID in driver.find_element(By.TAG_NAME, "body").text
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
