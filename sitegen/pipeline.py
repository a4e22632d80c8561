"""The build, top to bottom: load and check everything, render, write, swap the new site in."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .assets import collect_assets
from .build_cache import BuildCache
from .config import SiteConfig, publish_warnings, resolve_config
from .errors import BuildError, BuildFailed
from .output import Staging, recover
from .render import Renderer, robots, sitemap
from .search import BackgroundIndex, index_site
from .site import Site, load_site
from .special_pages import context_providers, prepare_bundles
from .workers import map_in_workers


@dataclass(frozen=True)
class BuildReport:
    pages: int
    files: int
    out_dir: Path
    warnings: tuple[BuildError, ...] = ()


def build(
    root: Path,
    out_dir: Path,
    content_dir: Path | None = None,
    base_url: str | None = None,
    origin: str | None = None,
    cache: BuildCache | None = None,
    dev_script: str = "",
    strict: bool = False,
    background_index: BackgroundIndex | None = None,
    config: SiteConfig | None = None,
) -> BuildReport:
    """Build ``content_dir`` (default ``root/content``) with ``root/templates`` into ``out_dir``.

    ``config`` is the resolved configuration (``resolve_config``) when the caller has it already; otherwise
    ``site.yml`` is read here and ``base_url`` and ``origin`` applied. ``dev_script`` is the source of an
    inline script the dev server injects into every page, which the pages' Content-Security-Policy allows.
    Raises BuildFailed, leaving ``out_dir`` untouched, on any error, and under ``strict`` on any warning.
    With ``background_index`` (the dev server) the search index is updated after the swap, in the background.
    """
    # A build killed mid-swap left the last good site aside: put it back even if this build then fails.
    recover(out_dir)
    content_dir = content_dir or root / "content"
    templates_dir = root / "templates"
    if config is None:
        config = resolve_config(root, content_dir, base_url, origin)
    cache = BuildCache() if cache is None else cache  # the dev server passes its own, kept between builds
    # Problems a preview can live with but the public site must not have; any stage may add to this list.
    warnings = publish_warnings(config)

    site = load_site(root, content_dir, config, cache)
    warnings += site.warnings
    assets = collect_assets(templates_dir / "static", root, warnings)

    staging = Staging(out_dir)
    try:
        bundles = prepare_bundles(site, staging.path)
        renderers = _renderers(site, templates_dir, assets, context_providers(bundles), dev_script, cache)
        _render_pages(renderers, site, staging)
        renderer = renderers[config.language]
        # One 404 page for the whole site (GitHub Pages serves only /404.html): every edition's words and menu.
        others = [{"language": lang, "strings": r.strings, "nav": r.edition.nav, "home": r.edition.prefix}
                  for lang, r in renderers.items() if r is not renderer]
        staging.write("404.html", renderer.render_named("404.html", canonical="", section=None,
                                                        other_editions=others).encode())
        staging.write("sitemap.xml", sitemap(site, renderer.absolute_url).encode())
        staging.write("robots.txt", robots(renderer.absolute_url).encode())
        staging.write(".nojekyll", b"")  # GitHub Pages must not run Jekyll over the output
        for asset in assets.values():
            staging.write(asset.output, asset.body)
        if not config.search:
            pass
        elif background_index is None:
            index_site(staging.path)  # reads the pages written above; a failure leaves the last good site
        else:
            background_index.carry_over(out_dir, staging.path)
        files = sum(len(names) for _, _, names in os.walk(staging.path))  # os.walk: no stat per file
        if strict and warnings:
            raise BuildFailed(warnings)
        staging.commit()
    except BaseException:
        staging.discard()
        raise
    if background_index is not None and config.search:
        background_index.start(out_dir)
    return BuildReport(len(site.pages), files, out_dir, tuple(warnings))


def _output_path(url: str) -> str:
    return f"{url}index.html"


def _renderers(site: Site, templates_dir: Path, assets: dict, providers: dict, dev_script: str,
               cache: BuildCache) -> dict[str, Renderer]:
    """One renderer per edition, each with its language's words; made before the workers start, so each
    worker has them all."""
    renderers: dict[str, Renderer] = {}
    names: dict[str, str] = {}  # filled below: every renderer shares this one dict
    for language, edition in site.editions.items():
        renderers[language] = Renderer(site, templates_dir, assets, providers, dev_script, cache, edition, names)
        names[language] = renderers[language].strings["language_name"]
    return renderers


def _render_page(state: tuple[dict[str, Renderer], Staging, Site], index: int) -> None:
    renderers, staging, site = state
    page = site.pages[index]
    staging.write(_output_path(page.url), renderers[page.language].render_page(page).encode())


def _render_pages(renderers: dict[str, Renderer], site: Site, staging: Staging) -> None:
    # The first page in this process: a template error then surfaces as a clean BuildFailed, not from a worker.
    map_in_workers(_render_page, (renderers, staging, site), range(len(site.pages)), first_here=True,
                   chunks_per_worker=1)
