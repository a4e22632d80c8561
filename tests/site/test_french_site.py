"""The real site's French edition: every page in both languages, French pages that stay French, and hreflang
pairs that agree (the build's own pairing check is tested on the fixture in test_editions.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.site.helpers import ROOT, leaves, run_build

CONTENT = ROOT / "content"
HREF = re.compile(r'<a ([^>]*href="(/[^"]*)"[^>]*)>')
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="https://example\.github\.io(/[^"]*)">')


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("french") / "site"
    result = run_build(CONTENT, out)
    assert result.returncode == 0, result.stderr
    return out, result.stderr


def _pages(site: Path, french: bool) -> dict[str, str]:
    """Address ("fees/", "" for home) -> HTML, for one edition."""
    found = {}
    for path in sorted(site.rglob("index.html")):
        rel = path.parent.relative_to(site).as_posix().removeprefix(".").lstrip("/")
        address = f"{rel}/" if rel else ""
        if address.startswith("fr/") == french and not address.startswith(("pagefind/", "pyodide/")):
            found[address] = path.read_text(encoding="utf-8")
    return found


def test_every_page_has_its_counterpart_and_the_build_reports_no_gap(built: tuple[Path, str]) -> None:
    site, stderr = built
    english = set(_pages(site, french=False))
    french = {a.removeprefix("fr/") for a in _pages(site, french=True)}
    assert len(english) > 30
    assert english == french
    english_files = {p.relative_to(CONTENT).as_posix() for p in CONTENT.rglob("*.md") if "fr" not in p.parts[-3:-1]
                     and not p.relative_to(CONTENT).as_posix().startswith("fr/")}
    french_files = {p.relative_to(CONTENT / "fr").as_posix() for p in (CONTENT / "fr").rglob("*.md")}
    assert english_files == french_files
    assert "`fr` version" not in stderr and "older than" not in stderr


def test_french_pages_say_so_and_write_dates_the_french_way(built: tuple[Path, str]) -> None:
    site, _ = built
    months = ("janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre")
    for address, html in _pages(site, french=True).items():
        assert '<html lang="fr">' in html, address
        meta = re.search(r'<p class="page-meta">(.*?)</p>', html, re.S)
        if meta:
            assert re.search(rf"Dernière vérification\u00a0: <time datetime=\"[\d-]+\">\d{{1,2}} ({months}) 20\d\d<",
                             meta.group(1)), (address, meta.group(1))


def test_every_internal_link_of_a_french_page_stays_french(built: tuple[Path, str]) -> None:
    """Except the language switch, which is the one link meant to leave; files (styles, scripts, the
    calculator's downloads) are shared by both editions."""
    site, _ = built
    strays = []
    for address, html in _pages(site, french=True).items():
        for attributes, href in HREF.findall(html):
            if "data-language-switch" in attributes:
                assert href == "/" + address.removeprefix("fr/"), (address, href)
                continue
            if not href.startswith("/fr/"):
                strays.append(f"{address}: {href}")
    assert strays == []


def test_hreflang_pairs_are_reciprocal_on_every_page(built: tuple[Path, str]) -> None:
    site, _ = built
    pages = _pages(site, french=False) | _pages(site, french=True)
    for address, html in pages.items():
        links = dict(ALTERNATE.findall(html))
        english = address.removeprefix("fr/")
        assert links == {"en": f"/{english}", "fr": f"/fr/{english}", "x-default": f"/{english}"}, address
        other = pages[links["fr" if links["en"] == f"/{address}" else "en"].lstrip("/")]
        assert dict(ALTERNATE.findall(other)) == links


@pytest.mark.parametrize("strings, page", [("en.yml", "fr/fees/"), ("calculator.en.yml", "fr/calculator/")])
def test_no_english_interface_text_is_on_a_french_page(built: tuple[Path, str], strings: str, page: str) -> None:
    """Every English interface text of some length (a word shared by both languages, such as "Documents" or
    "CELPIP-G", is not English only) is absent from the French page, in the HTML as sent."""
    site, _ = built
    english = yaml.safe_load((ROOT / "templates" / "strings" / strings).read_text(encoding="utf-8"))
    french = yaml.safe_load((ROOT / "templates" / "strings" / strings.replace(".en", ".fr").replace("en.", "fr."))
                            .read_text(encoding="utf-8"))
    shared = set(leaves(french))
    html = (site / page / "index.html").read_text(encoding="utf-8").replace("&#39;", "'").replace("&amp;", "&")
    html = re.sub(r"<script\b.*?</script>", "", html, flags=re.S)  # data blocks: IRCC's own (English) round names
    texts = [t.strip() for t in leaves(english) if len(t.strip()) >= 12 and t.strip() not in shared]
    assert len(texts) > 20
    found = [t for t in texts if "{" not in t and t in html]
    assert found == []


def test_the_french_calculator_names_countries_in_french(built: tuple[Path, str]) -> None:
    import json
    import unicodedata

    site, _ = built
    lists = {}
    for page in ("calculator/", "fr/calculator/"):
        href = re.search(r'data-lists="/([^"]+)"', (site / page / "index.html").read_text()).group(1)
        lists[page] = dict(json.loads((site / href).read_text(encoding="utf-8"))["countries"])
    assert lists["calculator/"]["DE"] == "Germany" and lists["fr/calculator/"]["DE"] == "Allemagne"
    assert lists["fr/calculator/"]["AE"] == "Émirats arabes unis"
    assert set(lists["calculator/"]) == set(lists["fr/calculator/"])

    def plain(name: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c)).casefold()

    names = list(lists["fr/calculator/"].values())
    assert names == sorted(names, key=plain)  # « Égypte » among the E's, not after « Zimbabwe »


def test_the_calculator_pages_data_blocks_are_compact_and_write_letters_as_themselves(built: tuple[Path, str]) -> None:
    """The French calculator page's words travel in JSON blocks: « é » as itself (2 bytes), not as \\u00e9
    (6), and no spaces after separators, so the French first visit is not heavier for its accents."""
    import json

    site, _ = built
    for page in ("calculator/", "fr/calculator/"):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        blocks = re.findall(r'<script type="application/json" id="([^"]+)">(.*?)</script>', html, re.S)
        assert {name for name, _ in blocks} >= {"calc-strings", "calc-engine-words"}
        for name, text in blocks:
            assert not re.search(r"\\u00[89a-f][0-9a-f]", text), f"{page} {name}: letters written as escapes"
            assert "<" not in text  # nothing in a block can end its script element
            compact = json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
            for char in "<>&'":  # what Jinja's tojson escapes for HTML
                compact = compact.replace(char, f"\\u{ord(char):04x}")
            assert text == compact, f"{page} {name}: not compact"
    french = (site / "fr/calculator/index.html").read_text(encoding="utf-8")
    assert "Catégorie" in re.search(r'id="calc-engine-words">(.*?)</script>', french, re.S).group(1)


def test_english_passages_in_french_pages_are_marked_english(built: tuple[Path, str]) -> None:
    """`[words]{lang=en}` in a French page becomes a span screen readers read as English; none is left as text."""
    site, _ = built
    french = _pages(site, french=True)
    marked = sum(html.count('<span lang="en">') for html in french.values())
    sources = [p for p in (CONTENT / "fr").rglob("*.md") if "]{lang=en}" in p.read_text(encoding="utf-8")]
    assert sources and marked >= len(sources)
    assert [a for a, html in french.items() if "{lang=en}" in html] == []


def test_round_types_are_named_in_french_and_an_unknown_one_as_ircc_wrote_it() -> None:
    from sitegen.draws.categories import categorize
    from sitegen.strings import load_strings, round_label

    french = load_strings(ROOT / "templates" / "strings", "", "fr", ROOT)
    assert round_label(categorize("French language proficiency (Version 1)"), french) == "Compétences linguistiques en français"
    assert round_label(categorize("Canadian Experience Class"), french, short=True) == "CEC"
    assert round_label(categorize("Canadian Experience Class"), {}) == "Canadian Experience Class"  # English
    assert round_label(categorize("Space explorers  (Version 1)"), french) == "Space explorers (Version 1)"


def test_each_tests_score_questions_are_written_once_on_each_calculator_page(built: tuple[Path, str]) -> None:
    """The 32 score groups hold their legend only; each test's questions are one <template>, written as the first
    language's, that calculator.mjs copies into a group when it first shows (the page is 50 KB smaller to parse)."""
    site, _ = built
    for page in ("calculator/", "fr/calculator/"):
        text = (site / page / "index.html").read_text(encoding="utf-8")
        groups = re.findall(r'<fieldset class="q scores" id="([^"]+)"[^>]*data-scores="([^"]+)"[^>]*>\s*<legend>[^<]+'
                            r'</legend>\s*</fieldset>', text)
        assert len(groups) == 32, page
        assert all(group.endswith("-" + key) for group, key in groups), groups
        templates = re.findall(r'<template id="scores-([^"]+)">(.*?)</template>', text, re.S)
        assert sorted(key for key, _ in templates) == sorted({key for _, key in groups}), page
        for key, body in templates:
            names = re.findall(r'name="([^"]+)"', body)
            assert names and all(n.startswith("first_language.") for n in names), (key, names)
            assert all(i.startswith(f"fl-{key}-") for i in re.findall(r'id="([^"]+)"', body)), key
        outside = re.sub(r"<template .*?</template>", "", text, flags=re.S)
        assert not re.search(r'name="(first_language|second_language|spouse\.language|partner\.second_language)\.'
                             r'(speaking|listening|reading|writing)"', outside), page


def test_every_score_group_legend_reads_as_a_title(built: tuple[Path, str]) -> None:
    """A group of levels is named for the levels ("Your spouse's CLB levels (English)"), never "... levels
    (English) results"; an English title has no colon in the middle of a name."""
    import html as html_lib

    site, _ = built
    for page in ("calculator/", "fr/calculator/"):
        text = (site / page / "index.html").read_text(encoding="utf-8")
        legends = [html_lib.unescape(m) for m in
                   re.findall(r'<fieldset class="q scores" id="[^"]+"[^>]*>\s*<legend>([^<]+)</legend>', text)]
        assert len(legends) == 32, page
        assert [x for x in legends if re.search(r"levels \(\w+\) results$", x)] == [], page
        assert sum("CLB" in x for x in legends) == 4, legends  # the first language's, second's, spouse's, partner's
        if not page.startswith("fr/"):  # "Your TEF Canada (scores out of 699) results", not "...: scores out of 699 results"
            assert [x for x in legends if ":" in x] == [], legends


def test_the_privacy_page_names_each_thing_the_browser_keeps_in_both_languages(built: tuple[Path, str]) -> None:
    """What the site keeps on the visitor's device is on its privacy page: the answers in the tab's history
    (calculator.mjs keepAnswers), the ticks in local storage (checklist.mjs), the calculator's copy in the site's
    storage (the memory snapshot)."""
    site, _ = built
    kept = {"privacy/": ["this browser tab's own history", "<strong>local storage</strong>", "this site's storage"],
            "fr/privacy/": ["l'historique de cet onglet", "stockage local", "l'espace de stockage de ce site"]}
    for page, phrases in kept.items():
        text = (site / page / "index.html").read_text(encoding="utf-8").replace("&#39;", "'").replace("&#x27;", "'")
        assert [p for p in phrases if p not in text] == [], page


OUTSIDE_LINK = re.compile(r'<a ([^>]*href="(https://[^"]+)"[^>]*)>(.*?)</a>([^<]{0,20})', re.S)


def test_a_french_page_says_before_the_click_that_an_official_page_is_in_english(built: tuple[Path, str]) -> None:
    """Every link of a French page (its text, its sources, the generated tables, the templates' own links) to a
    page whose address is English is marked hreflang="en" and followed (or ended) by « (en anglais) », and is
    none of the pages whose French version the rules data knows (sources.json ``url_fr``)."""
    from sitegen.official import french_versions, page_key
    from sitegen.url_language import language_of_url

    site, _ = built
    english, french = [], 0
    for address, html in _pages(site, french=True).items():
        for attrs, url, words, after in OUTSIDE_LINK.findall(html):
            language = language_of_url(url.replace("&amp;", "&"))
            if language == "fr":
                french += 1
            elif language == "en":
                english.append(url)
                assert 'hreflang="en"' in attrs, (address, url)
                said = re.sub(r"<[^>]+>", "", words).rstrip().endswith("(en anglais)") \
                    or after.lstrip().startswith("(en anglais)")
                assert said, (address, url, words, after)
    assert english and french, "the check found no page to look at"
    known = french_versions()
    assert known
    assert not {page_key(u) for u in english} & set(known), {page_key(u) for u in english} & set(known)
