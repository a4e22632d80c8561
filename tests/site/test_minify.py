"""The theme's scripts and stylesheets ship minified (sitegen/minify.py, esbuild), and a broken one stops the
build with its path and line."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from sitegen.assets import collect_assets
from sitegen.errors import BuildFailed
from tests.site.helpers import ROOT

STATIC = ROOT / "templates" / "static"


def test_scripts_and_stylesheets_ship_smaller_without_their_comments() -> None:
    assets = collect_assets(STATIC, ROOT)
    for rel in ("js/calculator.mjs", "js/calculator-worker.mjs", "js/search.mjs", "css/site.css"):
        source = (STATIC / rel).read_bytes()
        shipped = assets[rel].body
        assert len(gzip.compress(shipped)) < 0.8 * len(gzip.compress(source)), rel
        assert b"\n//" not in shipped and b"/*" not in shipped, rel
    # Everything else is copied as it is.
    assert assets["icon.svg"].body == (STATIC / "icon.svg").read_bytes()


def test_a_script_that_does_not_parse_stops_the_build_with_its_line(tmp_path: Path) -> None:
    static = tmp_path / "templates" / "static"
    (static / "js").mkdir(parents=True)
    (static / "js" / "broken.mjs").write_text("export const a = 1;\nexport const b = (x) => x +;\n")
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    with pytest.raises(BuildFailed) as info:
        collect_assets(static, tmp_path)
    error = str(info.value.errors[0])
    assert error.startswith("templates/static/js/broken.mjs:2: esbuild cannot minify it: Unexpected"), error


def test_without_node_modules_a_preview_ships_them_as_they_are_and_says_so(tmp_path: Path) -> None:
    static = tmp_path / "static"
    shutil.copytree(STATIC / "css", static / "css")
    with (static / "css" / "site.css").open("a") as css:  # not a file minified earlier in this process
        css.write(f"\n/* {tmp_path} */\n")
    warnings: list = []
    assets = collect_assets(static, tmp_path, warnings)
    assert assets["css/site.css"].body == (static / "css" / "site.css").read_bytes()
    assert [str(w) for w in warnings] == ["package.json: node_modules/.bin/esbuild is missing, so the scripts and "
                                          "stylesheets are not minified: run `npm ci`"]


def test_the_calculator_pages_inline_boot_script_ships_minified_with_its_own_hash() -> None:
    """It goes out inline with every visit to the calculator page, so it is minified like the theme's scripts; the
    Content-Security-Policy allows it by the hash of exactly what ships."""
    from sitegen.pyodide_bundle import BOOT_SCRIPT, boot_script
    from sitegen.render import script_hash

    text, csp = boot_script(ROOT)
    source = (ROOT / BOOT_SCRIPT).read_text(encoding="utf-8")
    assert len(gzip.compress(text.encode())) < 0.6 * len(gzip.compress(source.encode()))
    assert "//" not in text.replace("://", "") and "self.calcBoot" in text
    assert csp == script_hash(text)
