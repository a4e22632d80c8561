"""A translated edition: content/fr/ pages under /fr/, paired with the English ones (hreflang, the language
switch, the sitemap, the 404 page), and the build's checks on the pairing."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.site.helpers import ROOT, copy_fixture, run_build

TRANSLATIONS = """translations:
  fr:
    name: Guide d'essai
    nav:
      guide: Le guide
      about: À propos
"""

FR_HOME = """---
title: Accueil d'essai
description: La page d'accueil en français.
updated: 2026-11-05
---
Bienvenue. Commencez par le [guide](guide/index.md) ou lisez [qui nous sommes](about.md#who-we-are).
"""


def _french_edition(tmp_path: Path) -> Path:
    """The fixture with every page translated (copies with French titles), the French home page apart."""
    content = copy_fixture(tmp_path)
    (content / "site.yml").write_text((content / "site.yml").read_text() + TRANSLATIONS)
    for page in sorted(content.rglob("*.md")):
        rel = page.relative_to(content)
        target = content / "fr" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        text = page.read_text()
        text = re.sub(r"^title: (.*)$", r"title: FR \1", text, count=1, flags=re.M)
        text = re.sub(r"^updated: .*$", "updated: 2026-12-01", text, count=1, flags=re.M)
        target.write_text(text)
    (content / "fr" / "index.md").write_text(FR_HOME)
    return content


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp("editions")
    content = _french_edition(tmp)
    result = run_build(content, tmp / "site")
    assert result.returncode == 0, result.stderr
    assert "`fr` version" not in result.stderr and "older than" not in result.stderr  # fully paired
    return tmp / "site", result.stdout + result.stderr


def _html(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text()


def _alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def test_french_pages_are_built_under_fr_with_their_language(built: tuple[Path, str]) -> None:
    site, _ = built
    french = _html(site, "fr/guide/first")
    assert '<html lang="fr">' in french
    assert "<h1>FR First step</h1>" in french
    assert "Dernière vérification\u00a0: <time datetime=\"2026-12-01\">1er décembre 2026</time>" in french
    assert '<html lang="en">' in _html(site, "guide/first")
    # The French menu: its own titles, and links to French pages only.
    menu = re.search(r'<nav class="site-nav".*?</nav>', french, re.S).group(0)
    assert ">Le guide</a>" in menu and ">À propos</a>" in menu
    assert re.findall(r'href="([^"]+)"', menu) == ["/fr/guide/", "/fr/about/"]
    assert 'class="site-name" href="/fr/">Guide d&#39;essai</a>' in french


def test_hreflang_pairs_are_reciprocal_with_x_default(built: tuple[Path, str]) -> None:
    site, _ = built
    for address in ("", "guide/", "guide/first/", "about/"):
        english, french = _html(site, address), _html(site, "fr/" + address)
        expected = {"en": f"https://example.test/{address}", "fr": f"https://example.test/fr/{address}",
                    "x-default": f"https://example.test/{address}"}
        assert _alternates(english) == expected
        assert _alternates(french) == expected


def test_the_language_switch_is_a_plain_link_to_the_same_page(built: tuple[Path, str]) -> None:
    site, _ = built
    switch = re.compile(r'<nav class="language-switch" aria-label="([^"]+)">.*?<a href="([^"]+)" hreflang="(\w+)" '
                        r'lang="(\w+)" data-language-switch>([^<]+)</a>', re.S)
    assert switch.search(_html(site, "guide/first")).groups() == ("Language", "/fr/guide/first/", "fr", "fr",
                                                                  "Français")
    assert switch.search(_html(site, "fr/guide/first")).groups() == ("Langue", "/guide/first/", "en", "en",
                                                                     "English")


def test_links_inside_a_french_page_stay_french(built: tuple[Path, str]) -> None:
    site, _ = built
    body = re.search(r'<div class="prose[^"]*">(.*?)</div>', _html(site, "fr"), re.S).group(1)
    assert re.findall(r'href="([^"]+)"', body) == ["/fr/guide/", "/fr/about/#who-we-are"]


def test_the_sitemap_lists_both_languages_with_their_alternates(built: tuple[Path, str]) -> None:
    site, _ = built
    sitemap = (site / "sitemap.xml").read_text()
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert "https://example.test/guide/first/" in locs and "https://example.test/fr/guide/first/" in locs
    assert len(locs) == 2 * len([loc for loc in locs if "/fr/" not in loc])
    entry = re.search(r"<url><loc>https://example.test/fr/about/</loc>.*?</url>", sitemap).group(0)
    assert 'hreflang="en" href="https://example.test/about/"' in entry
    assert 'hreflang="fr" href="https://example.test/fr/about/"' in entry


def test_the_404_page_serves_both_languages(built: tuple[Path, str]) -> None:
    site, _ = built
    page = (site / "404.html").read_text()
    assert "<h1>Page not found</h1>" in page
    french = re.search(r'<section lang="fr".*?</section>', page, re.S).group(0)
    assert "Page introuvable" in french and 'href="/fr/"' in french and 'href="/fr/guide/"' in french


def test_a_missing_or_stale_translation_is_listed_and_fails_strict(tmp_path: Path) -> None:
    content = _french_edition(tmp_path)
    (content / "guide" / "third.md").write_text((content / "guide" / "second.md").read_text())  # English only
    stale = content / "fr" / "about.md"
    stale.write_text(stale.read_text().replace("updated: 2026-12-01", "updated: 2026-01-01"))
    orphan = content / "fr" / "extra.md"
    orphan.write_text(FR_HOME.replace("Accueil d'essai", "Page seule"))
    result = run_build(content, tmp_path / "site")
    assert result.returncode == 0, result.stderr  # a preview builds, and says what is missing
    shown = str(content)
    about_line = stale.read_text().splitlines().index("updated: 2026-01-01") + 1
    assert f"{shown}/guide/third.md:1: has no `fr` version: add {shown}/fr/guide/third.md" in result.stderr
    assert (f"{shown}/fr/about.md:{about_line}: `updated: 2026-01-01` is older than its original's "
            f"({shown}/about.md, updated ") in result.stderr
    assert f"{shown}/fr/extra.md:1: is the `fr` version of {shown}/extra.md, which does not exist" \
        in result.stderr
    strict = run_build(content, tmp_path / "strict", "--strict")
    assert strict.returncode != 0 and not (tmp_path / "strict").exists()
    assert "has no `fr` version" in strict.stderr


def test_a_french_page_linking_an_english_page_is_an_error(tmp_path: Path) -> None:
    content = _french_edition(tmp_path)
    (content / "fr" / "index.md").write_text(FR_HOME + "\nVoir la [page anglaise](../about.md).\n")
    result = run_build(content, tmp_path / "site")
    assert result.returncode != 0
    assert (f"{content}/fr/index.md:8: link to `about.md`, a page in `en`, from a page in `fr`: link the page of "
            "its own language") in result.stderr


ENGLISH_PAGE = "https://www.canada.ca/en/immigration-refugees-citizenship/services/application/check-status.html"


def test_a_link_to_an_english_official_page_says_so_or_the_build_names_its_line(tmp_path: Path) -> None:
    """In the text, « (en anglais) » ends the link's words or follows the link; a source gets it from the site
    (so its title must not carry it); every such link is marked hreflang="en"."""
    content = _french_edition(tmp_path)
    said = (f"Voir la [page d'IRCC]({ENGLISH_PAGE}) (en anglais), la [même page (en anglais)]({ENGLISH_PAGE}),\n"
            f"et encore [une fois]({ENGLISH_PAGE}) (en\nanglais).\n")
    sources = f"sources:\n  - title: L'état de votre demande\n    url: {ENGLISH_PAGE}\n"
    (content / "fr" / "index.md").write_text(FR_HOME.replace("---\nBienvenue", sources + "---\nBienvenue")
                                             + "\n" + said)
    result = run_build(content, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = _html(tmp_path / "site", "fr")
    assert html.count(f'<a href="{ENGLISH_PAGE}" hreflang="en">') == 4, html
    assert f'hreflang="en">L&#39;état de votre demande</a> (en anglais)</li>' in html

    unsaid = FR_HOME + f"\nVoir la [page d'IRCC]({ENGLISH_PAGE}).\n"
    (content / "fr" / "index.md").write_text(unsaid.replace("---\nBienvenue", sources.replace(
        "demande\n", "demande (en anglais)\n") + "---\nBienvenue"))
    result = run_build(content, tmp_path / "broken")
    assert result.returncode != 0 and not (tmp_path / "broken").exists()
    assert (f"{content}/fr/index.md:11: say “(en anglais)” right after this link to a page in `en`, so readers "
            f"know before they click: {ENGLISH_PAGE}") in result.stderr
    assert (f"{content}/fr/index.md:7: the site adds “(en anglais)” after a source in another language: leave it "
            "out of the title") in result.stderr


def test_a_french_page_linking_an_official_page_whose_french_version_is_known_is_an_error(tmp_path: Path) -> None:
    sources = json.loads((ROOT / "calculator" / "data" / "sources.json").read_text(encoding="utf-8"))
    english, french = next((e["url"], e["url_fr"]) for e in sources.values() if isinstance(e, dict) and "url_fr" in e)
    english = english.replace("https://www.", "https://") + "#section"  # the same page, written another way
    content = _french_edition(tmp_path)
    (content / "fr" / "index.md").write_text(FR_HOME + f"\nVoir la [page d'IRCC]({english}) (en anglais),\n"
                                             f"puis sa [version française]({french})\n(en anglais).\n")
    result = run_build(content, tmp_path / "site")
    assert result.returncode != 0
    assert f"{content}/fr/index.md:8: this official page has a French version: link {french}" in result.stderr
    assert f"{content}/fr/index.md:9: this link is to a page in `fr`: remove “(en anglais)”" in result.stderr


def test_a_translation_must_title_every_menu_section(tmp_path: Path) -> None:
    content = _french_edition(tmp_path)
    settings = content / "site.yml"
    settings.write_text(settings.read_text().replace("      about: À propos\n", "      abuot: À propos\n"))
    result = run_build(content, tmp_path / "site")
    assert result.returncode != 0
    line = settings.read_text().splitlines().index("translations:") + 1
    assert (f"{content}/site.yml:{line}: `translations.fr.nav` must title every menu section of `nav` "
            "(missing: about; unknown: abuot)") in result.stderr


def test_without_translations_the_site_has_no_switch_and_no_alternates(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    shutil.rmtree(content / "fr", ignore_errors=True)
    result = run_build(content, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = _html(tmp_path / "site", "guide/first")
    assert "language-switch" not in html and "hreflang" not in html
