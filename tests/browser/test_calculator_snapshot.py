"""The calculator's memory snapshot in Chromium (calculator-worker.mjs): after a first visit a second worker stores
Python's memory in Cache Storage; later visits restore it and score exactly as a normal start does. A damaged,
foreign or stale snapshot falls back to the normal start; without Cache Storage nothing changes for the visitor;
the snapshot worker never sees the visitor's answers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, BrowserType, Page, expect

from .axe import run_axe
from .calculator_cases import CASES, displayed, expected, fill, wait_ready
from .conftest import BASE

pytestmark = pytest.mark.browser
CACHE = "ee-calculator-snapshot"
# Records the type of every message the page sends to each worker it creates, in creation order.
WORKER_LOG = """
window.__workers = [];
const RealWorker = window.Worker;
window.Worker = class extends RealWorker {
  constructor(...args) {
    super(...args);
    this.__sent = [];
    window.__workers.push(this.__sent);
  }
  postMessage(message, ...rest) {
    this.__sent.push(message && message.type);
    return super.postMessage(message, ...rest);
  }
};
"""
# Every entry of the snapshot cache: its key, headers and body size.
READ_ENTRIES = """async (name) => {
  const cache = await caches.open(name);
  const out = [];
  for (const key of await cache.keys()) {
    const response = await cache.match(key);
    const size = (await response.arrayBuffer()).byteLength;
    out.push({url: key.url, headers: Object.fromEntries(response.headers), size});
  }
  return out;
}"""


def snapshot_state(page: Page) -> str | None:
    return page.locator("#calculator").get_attribute("data-snapshot")


def open_ready(context: BrowserContext, url: str) -> Page:
    page = context.new_page()
    page.goto(url)
    wait_ready(page)
    return page


def wait_stored(page: Page) -> None:
    """The first visit's snapshot worker has finished and stored its snapshot."""
    expect(page.locator("#calculator")).to_have_attribute("data-snapshot", "stored", timeout=60_000)


def entries(page: Page) -> list[dict[str, Any]]:
    return page.evaluate(READ_ENTRIES, CACHE)


def score_on(page: Page, case: tuple[str, str, dict[str, Any]]) -> dict[str, Any]:
    _, mode, answers = case
    result = expected(mode, answers)
    fill(page, mode, answers)
    expect(page.locator("#calc-total")).to_have_text(f"{result['total']:,}")
    return displayed(page, result)


def test_second_visit_restores_the_snapshot_and_scores_as_the_first(context: BrowserContext,
                                                                    calculator_url: str) -> None:
    origin = calculator_url.removesuffix(BASE + "calculator/")
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    first = open_ready(context, calculator_url)
    assert snapshot_state(first) == "missing"  # started Python from scratch...
    wait_stored(first)  # ...and then stored a snapshot for the next visit
    [entry] = entries(first)
    assert entry["url"].startswith(origin + BASE + "pyodide/")
    assert 0 < entry["size"] < int(entry["headers"]["x-snapshot-length"])  # stored without its pages of zeros
    cases = [c for c in CASES if c[0] in ("single-ielts", "married-accompanying-celpip", "clb-estimate")]
    scored_first = score_on(first, cases[0])

    for case in cases:
        later = open_ready(context, calculator_url)
        assert snapshot_state(later) == "restored"
        assert "snapshot" in (later.locator("#calculator").get_attribute("data-startup") or "")
        # The files come from the cache: the page, finding this build's snapshot, did not count them.
        assert later.locator("#calculator").get_attribute("data-download-counting") == "skipped"
        shown = score_on(later, case)
        if case is cases[0]:
            assert shown == scored_first
        later.close()

    restored = open_ready(context, calculator_url)
    score_on(restored, cases[1])
    assert run_axe(restored) == []
    # Nothing new was stored on the restored visits, and every request stayed on the site's own origin.
    assert [e["url"] for e in entries(restored)] == [entry["url"]]
    assert [u for u in requests if not u.startswith(origin + "/")] == []


def test_the_snapshot_worker_never_receives_the_answers(context: BrowserContext, calculator_url: str) -> None:
    context.add_init_script(WORKER_LOG)
    _, mode, answers = CASES[1]
    first = context.new_page()
    first.goto(calculator_url)
    wait_ready(first)
    fill(first, mode, answers)
    expect(first.locator("#calc-total")).to_have_text(f"{expected(mode, answers)['total']:,}")
    wait_stored(first)
    scorer, maker = first.evaluate("window.__workers")
    assert scorer[0] == "init" and "score" in scorer
    assert maker == ["snapshot"]
    # The profile the page scored is nowhere in the stored memory; the snapshot's own key is (the search works).
    profile = first.locator("#calculator").get_attribute("data-last-profile") or ""
    assert len(profile) > 200
    found = first.evaluate("""async ([name, profile]) => {
      const cache = await caches.open(name);
      const [key] = await cache.keys();
      const bytes = new Uint8Array(await (await cache.match(key)).arrayBuffer());
      const has = (text) => {
        const needle = new TextEncoder().encode(text);
        outer: for (let i = bytes.indexOf(needle[0]); i !== -1; i = bytes.indexOf(needle[0], i + 1)) {
          for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
          return true;
        }
        return false;
      };
      return {profile: has(profile), key: has(key.url)};
    }""", [CACHE, profile])
    assert found == {"profile": False, "key": True}


# Damages the stored snapshot in place. "damaged": one byte changed, checksum left as it was; "not-a-snapshot":
# random bytes with a matching checksum; "other-runtime": Pyodide's build id in the image changed; "other-build":
# the build's key inside the image changed (as if an older build's snapshot were stored under this build's key).
DAMAGE = """async ([name, kind]) => {
  const cache = await caches.open(name);
  const [key] = await cache.keys();
  const response = await cache.match(key);
  let bytes = new Uint8Array(await response.arrayBuffer());
  const headers = new Headers(response.headers);
  const pages = Math.ceil(new DataView(bytes.buffer).getUint32(8, true) / 4096);
  const image = 16 + pages; // where the stored pages start: page 0 first, with Pyodide's header
  if (kind === 'damaged') bytes[bytes.length >> 1] ^= 0xff;
  if (kind === 'not-a-snapshot') bytes = crypto.getRandomValues(new Uint8Array(4096));
  if (kind === 'other-runtime') bytes[image + 20] ^= 0xff;
  if (kind === 'other-build') {
    const needle = new TextEncoder().encode('memory-snapshot?');
    let changed = 0;
    for (let i = 0; i + needle.length <= bytes.length; i++) {
      if (bytes[i] === needle[0] && needle.every((b, j) => bytes[i + j] === b)) {
        bytes[i + needle.length - 2] = 0x58; // 't' -> 'X'
        changed++;
      }
    }
    if (!changed) throw new Error('the key is not in the snapshot');
  }
  if (kind !== 'damaged') {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    headers.set('x-snapshot-sha256', Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''));
  }
  await cache.put(key, new Response(bytes, {headers}));
}"""


# Keeps a copy of the stored snapshot under another cache name, or puts the copy back in place of what is stored.
KEEP = """async ([name, copy]) => {
  const from = await caches.open(name), to = await caches.open(copy);
  const [key] = await from.keys();
  await to.put(key, await from.match(key));
}"""
PUT_BACK = """async ([name, copy]) => {
  const cache = await caches.open(name), from = await caches.open(copy);
  for (const key of await cache.keys()) await cache.delete(key);
  const [key] = await from.keys();
  await cache.put(key, await from.match(key));
}"""


@pytest.fixture(scope="module")
def stored_snapshot(browser: Browser, calculator_url: str) -> Iterator[BrowserContext]:
    """A profile whose first visit has stored its snapshot, with a copy kept aside: each bad-snapshot case
    puts the good one back before damaging it, instead of making its own (a first visit and a snapshot worker,
    some 5 s each)."""
    context = browser.new_context()
    context.add_init_script(WORKER_LOG)
    first = open_ready(context, calculator_url)
    wait_stored(first)
    first.evaluate(KEEP, [CACHE, CACHE + "-copy"])
    first.close()
    yield context
    context.close()


@pytest.mark.parametrize("kind", ["damaged", "not-a-snapshot", "other-runtime", "other-build"])
def test_a_bad_snapshot_falls_back_to_the_normal_start_and_is_not_retried(stored_snapshot: BrowserContext,
                                                                           calculator_url: str, kind: str) -> None:
    context = stored_snapshot
    first = context.new_page()
    first.goto(calculator_url.removesuffix("calculator/"))  # the site's own origin, without starting Python
    first.evaluate(PUT_BACK, [CACHE, CACHE + "-copy"])
    assert entries(first)[0]["size"] > 0  # the good snapshot, before it is damaged
    first.evaluate(DAMAGE, [CACHE, kind])
    first.close()

    second = context.new_page()
    warnings: list[str] = []
    second.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    second.goto(calculator_url)
    wait_ready(second)
    assert snapshot_state(second) == "failed"
    assert any("did not restore" in w for w in warnings), warnings
    expect(second.locator("#calc-status-text")).to_contain_text("Ready")  # the visitor sees no difference
    score_on(second, CASES[4])
    # The bad snapshot is replaced by a marker: later visits start normally without trying it or making another.
    third = open_ready(context, calculator_url)
    assert snapshot_state(third) == "failed"
    third.wait_for_timeout(1500)  # time enough for a snapshot worker to have been started, were one asked for
    assert third.evaluate("window.__workers.length") == 1
    [entry] = entries(third)
    assert entry["headers"]["x-snapshot"] == "failed" and entry["size"] == 0


def test_a_snapshot_of_an_earlier_build_is_not_restored_and_is_replaced(context: BrowserContext,
                                                                        calculator_url: str) -> None:
    first = open_ready(context, calculator_url)
    wait_stored(first)
    # The same bytes under the key an earlier build (another engine zip) would have used.
    [current] = entries(first)
    old_url = first.evaluate("""async (name) => {
      const cache = await caches.open(name);
      const [key] = await cache.keys();
      const response = await cache.match(key);
      const url = new URL(key.url);
      const engine = url.searchParams.get('engine');
      url.searchParams.set('engine', engine.replace(/calculator\\.\\w+\\.zip/, 'calculator.0123456789ab.zip'));
      await cache.put(url.href, response);
      await cache.delete(key);
      return url.href;
    }""", CACHE)
    assert old_url != current["url"]

    second = open_ready(context, calculator_url)
    assert snapshot_state(second) == "missing"
    wait_stored(second)
    assert [e["url"] for e in entries(second)] == [current["url"]]  # the earlier build's entry is gone
    third = open_ready(context, calculator_url)
    assert snapshot_state(third) == "restored"


def test_without_cache_storage_the_calculator_starts_normally(browser_type: BrowserType,
                                                             browser_type_launch_args: dict,
                                                             calculator_url: str) -> None:
    # Plain http on a name other than localhost is not a secure context: no Cache Storage (as on a site served
    # without HTTPS). The calculator must work as before and ask for no snapshot.
    port = calculator_url.split(":")[2].split("/")[0]
    args = [*browser_type_launch_args.get("args", []), "--host-resolver-rules=MAP calculator.test 127.0.0.1",
            "--disable-features=HttpsUpgrades"]
    browser = browser_type.launch(**{**browser_type_launch_args, "args": args})
    try:
        context = browser.new_context()
        context.add_init_script(WORKER_LOG)
        for _ in range(2):
            page = context.new_page()
            page.goto(f"http://calculator.test:{port}{BASE}calculator/")
            assert page.evaluate("window.isSecureContext") is False
            wait_ready(page)
            assert snapshot_state(page) == "unavailable"
            score_on(page, CASES[0])
            page.wait_for_timeout(1500)
            assert page.evaluate("window.__workers.length") == 1
            page.close()
        context.close()
    finally:
        browser.close()
