"""Sources shown to visitors must be official pages: their hosts are listed in content/data/official-hosts.yml.

One check covers every source a visitor can click: the `sources:` of each page's front matter, and the entries
of the calculator's calculator/data/sources.json when a page shows them (a generated table, the notices, the
calculator page). The copies used to verify a value (`checked_against`) are never shown, so never checked.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from .errors import BuildError, display_path
from .limits import MAX_SETTINGS_BYTES, size_error
from .markdown import ExternalLink
from .pages import Page
from .url_language import language_of_url
from .yamlfile import InvalidYaml, load_mapping

HOSTS_FILE = "official-hosts.yml"
NOT_OFFICIAL = "source host not official"


def is_official(url: str, hosts: set[str]) -> bool:
    """An https:// address whose host is a listed host or a subdomain of one (``www.canada.ca``,
    ``ircc.canada.ca``). A user name or password in the address, or a backslash (which browsers read as a slash,
    so ``https://evil.example\\@www.canada.ca/`` goes to evil.example), is never official."""
    parts = urlsplit(url)
    if parts.scheme != "https" or "\\" in url or "@" in parts.netloc:
        return False
    host = (parts.hostname or "").lower().rstrip(".")
    return any(host == h or host.endswith("." + h) for h in hosts)


def load_hosts(path: Path, shown: str) -> tuple[set[str], list[BuildError]]:
    """The allowlist: `host: why it is official` lines. Every host needs its reason."""
    big = size_error(path, shown, MAX_SETTINGS_BYTES, "the list of official hosts")
    if big is not None:
        return set(), [big]
    try:
        mapping = load_mapping(path.read_text(encoding="utf-8"), shown)
    except InvalidYaml as exc:
        return set(), [exc.error]
    hosts, errors = set(), []
    for host, why in mapping.values.items():
        if not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", host):
            errors.append(BuildError(shown, mapping.line_of(host), f"`{host}` is not a host name like canada.ca"))
        elif not isinstance(why, str) or not why.strip():
            errors.append(BuildError(shown, mapping.line_of(host), f"`{host}` needs the reason it is official"))
        else:
            hosts.add(host)
    return hosts, errors


def _rules_sources(root: Path) -> tuple[str, list[tuple[int, str]]]:
    """(shown path, [(line, url)]) of the calculator's sources.json: the url of each entry, with its line, and
    its page in another language (``url_fr``...), which the pages of that language link instead."""
    from calculator import rules  # the engine the build renders tables from

    path = Path(rules.__file__).parent / "data" / "sources.json"
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for key, entry in json.loads("\n".join(lines)).items():
        if key.startswith("_"):
            continue
        opening = next((i for i, text in enumerate(lines) if text.lstrip().startswith(json.dumps(key) + ":")), 0)
        for field in ("url", *sorted(f for f in entry if f.startswith("url_"))):
            at = next((i for i in range(opening, len(lines)) if re.match(rf'\s*"{field}"\s*:', lines[i])), opening)
            found.append((at + 1, entry[field]))
    return display_path(path, root), found


def check_sources(pages: list[Page], content_dir: Path, root: Path) -> list[BuildError]:
    """`path:line: source host not official: host` for every displayed source off the allowlist."""
    shown_rules = any(p.shows_rules_data or p.template == "calculator" for p in pages)
    if not shown_rules and not any(p.sources for p in pages):
        return []
    path = content_dir / "data" / HOSTS_FILE
    shown = display_path(path, root)
    if not path.is_file():
        return [BuildError(shown, 0, "missing: list the hosts whose pages may be shown as sources, "
                                     "each with the reason it is official")]
    hosts, errors = load_hosts(path, shown)
    cited = [(p.display_path, s.line, s.url) for p in pages for s in p.sources]
    if shown_rules:
        rules_path, rules_urls = _rules_sources(root)
        cited += [(rules_path, line, url) for line, url in rules_urls]
    for where, line, url in cited:
        if not is_official(url, hosts):
            host = urlsplit(url).hostname or url
            errors.append(BuildError(where, line, f"{NOT_OFFICIAL}: {host} (official hosts are listed in {shown})"))
    return errors


def page_key(url: str) -> str:
    """One page's address whatever its form: no query or #fragment, no ``www.``, no trailing slash."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}"


def french_versions() -> dict[str, str]:
    """{`page_key` of an official page: address of the same page in French}, from calculator/data/sources.json's
    ``url_fr``: the pages known to have a French version, which a French page must link instead."""
    from calculator import rules  # its SOURCES are the whole file, loaded once by the engine

    return {page_key(e["url"]): e["url_fr"] for e in rules.SOURCES.values() if e.get("url_fr")}


def _says(link: ExternalLink, words: str) -> bool:
    """The link's own words end with ``words``, or the text right after it starts with them."""
    return link.words.rstrip().endswith(words) or link.after.lstrip().startswith(words)


def check_other_language_links(pages: list[Page], said: dict[str, dict[str, str]],
                               french: dict[str, str]) -> list[BuildError]:
    """A page links an official page in another language only when it has none in the page's own, and says so.

    ``said``: for each page language, the words for each other language (``in_other_language`` of
    templates/strings/<language>.yml, "(en anglais)"). A link in the text ends with them or is followed by them;
    a source in another language gets them from the site (page.html), so its title must not carry them.
    ``french``: the French version of official pages by `page_key` (`french_versions`), which French pages link
    instead."""
    errors = []
    for page in pages:
        words = said.get(page.language, {})

        def error(line: int, message: str, page: Page = page) -> None:
            errors.append(BuildError(page.display_path, line, message))

        for link in page.language_links:
            marker = words.get(link.language, f"({link.language})")
            if link.language == page.language:
                wrong = [m for lang, m in words.items() if lang != page.language and _says(link, m)]
                if wrong:
                    error(link.line, f"this link is to a page in `{page.language}`: remove “{wrong[0]}”")
            elif page.language == "fr" and page_key(link.url) in french:
                error(link.line, f"this official page has a French version: link {french[page_key(link.url)]}")
            elif not _says(link, marker):
                error(link.line, f"say “{marker}” right after this link to a page in `{link.language}`, so readers "
                                 f"know before they click: {link.url}")
        for source in page.sources:
            other = language_of_url(source.url)
            if not other or other == page.language:
                continue
            marker = words.get(other, f"({other})")
            if page.language == "fr" and page_key(source.url) in french:
                error(source.line, f"this official page has a French version: link {french[page_key(source.url)]}")
            elif marker in source.title:
                error(source.line, f"the site adds “{marker}” after a source in another language: leave it out "
                                   "of the title")
    return errors
