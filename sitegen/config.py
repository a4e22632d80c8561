"""The site settings file, ``content/site.yml``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import BuildError, BuildFailed, display_path
from .limits import MAX_SETTINGS_BYTES, size_error
from .yamlfile import InvalidYaml, boolean, check_fields, load_mapping, optional_text, text

CONFIG_NAME = "site.yml"


@dataclass(frozen=True)
class NavSection:
    id: str
    title: str


@dataclass(frozen=True)
class Translation:
    """Another language's edition: its pages are ``content/<language>/`` (same paths as the English ones)."""

    language: str
    name: str
    description: str
    nav_titles: Mapping[str, str]  # menu section id -> title in this language


@dataclass(frozen=True)
class SiteConfig:
    name: str
    description: str
    base_url: str
    origin: str
    language: str
    assessment_endpoint: str
    assessment_email: str
    nav: tuple[NavSection, ...]
    search: bool = True  # the Pagefind search box and index (sitegen/search.py)
    translations: tuple[Translation, ...] = ()
    # Where each value came from, as (path, line): a site.yml line, or ("--origin", 0) for an option.
    positions: Mapping[str, tuple[str, int]] = field(default_factory=dict, compare=False)

    def with_overrides(self, base_url: str | None = None, origin: str | None = None) -> SiteConfig:
        """Command-line options win over the file (the Pages workflow passes the real base path)."""
        changed = self
        if base_url is not None:
            changed = replace(changed, base_url=base_path(base_url),
                              positions={**changed.positions, "base_url": ("--base-url", 0)})
        if origin is not None:
            changed = replace(changed, origin=site_origin(origin),
                              positions={**changed.positions, "origin": ("--origin", 0)})
        return changed

    @property
    def languages(self) -> tuple[str, ...]:
        """Every edition's language, the site's own (``language``, at the root) first."""
        return (self.language, *(t.language for t in self.translations))

    def edition(self, language: str) -> SiteConfig:
        """This configuration as one edition sees it: its language, name, description and menu titles."""
        if language == self.language:
            return self
        t = next(t for t in self.translations if t.language == language)
        nav = tuple(NavSection(s.id, t.nav_titles[s.id]) for s in self.nav)
        return replace(self, language=language, name=t.name, description=t.description or self.description, nav=nav)

    def position(self, key: str) -> tuple[str, int]:
        return self.positions.get(key, (CONFIG_NAME, 0))


def base_path(value: Any) -> str:
    """Normalise a base URL to ``/`` or ``/name/`` so joining paths never doubles a slash."""
    if not isinstance(value, str) or not value.startswith("/") or "//" in value or re.search(r"[\s?#]", value):
        raise ValueError("must be a path such as / or /ee-guide/")
    return "/" + value.strip("/") + "/" if value.strip("/") else "/"


def site_origin(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:\d+)?/?", value.strip()):
        raise ValueError("must be a scheme and host such as https://example.github.io")
    return value.strip().rstrip("/")


def language(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[a-z]{2}(-[A-Z]{2})?", value):
        raise ValueError("must be a language code such as en or fr")
    return value


def endpoint(value: Any) -> str:
    value = optional_text(value)
    # It also goes into the Content-Security-Policy (form-action): no spaces, quotes or semicolons.
    # Plain http:// only to this computer, for trying a form service (or the tests' stub) locally.
    if value and not re.fullmatch(r"(https://[A-Za-z0-9.-]+|http://(127\.0\.0\.1|localhost))(:\d+)?(/[^\s;'\",]*)?",
                                  value):
        raise ValueError("must be empty or an https:// address (http:// only for 127.0.0.1 or localhost)")
    return value


def email(value: Any) -> str:
    value = optional_text(value)
    if value and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        raise ValueError("must be an email address")
    return value


def nav_sections(value: Any) -> tuple[NavSection, ...]:
    if not isinstance(value, list) or not value:
        raise ValueError("must be a list of sections, each with `id` and `title`")
    sections = []
    for item in value:
        if not isinstance(item, dict) or set(item) != {"id", "title"}:
            raise ValueError("entries must have exactly `id` and `title`")
        if not re.fullmatch(r"[a-z][a-z0-9-]*", str(item["id"])):
            raise ValueError(f"id `{item['id']}` must be lowercase letters, digits and dashes")
        sections.append(NavSection(str(item["id"]), text(item["title"])))
    if len({s.id for s in sections}) != len(sections):
        raise ValueError("has the same id twice")
    return tuple(sections)


def translations(value: Any) -> tuple[Translation, ...]:
    """``translations: {fr: {name: ..., description: ..., nav: {programs: Programmes, ...}}}``."""
    if not isinstance(value, dict):
        raise ValueError("must map a language code to its `name`, `description` and `nav` titles")
    out = []
    for code, item in value.items():
        language(code)
        if not isinstance(item, dict) or not {"name", "nav"} <= set(item) <= {"name", "description", "nav"}:
            raise ValueError(f"`{code}` must have `name` and `nav` (and may have `description`)")
        nav = item["nav"]
        if not isinstance(nav, dict) or not all(isinstance(k, str) for k in nav):
            raise ValueError(f"`{code}.nav` must map each menu section id to its title")
        out.append(Translation(code, text(item["name"]), optional_text(item.get("description")),
                               {k: text(v) for k, v in nav.items()}))
    return tuple(out)


REQUIRED = {"name": text, "base_url": base_path, "origin": site_origin, "language": language, "nav": nav_sections}
OPTIONAL = {"description": optional_text, "assessment_endpoint": endpoint, "assessment_email": email,
            "search": boolean, "translations": translations}


def load_config(content_dir: Path, display: str) -> SiteConfig:
    """Read and check ``site.yml``; ``display`` is the path shown in error messages."""
    path = content_dir / CONFIG_NAME
    big = size_error(path, display, MAX_SETTINGS_BYTES, "the site settings")
    if big is not None:
        raise BuildFailed([big])
    try:
        mapping = load_mapping(path.read_text(encoding="utf-8"), display)
    except FileNotFoundError:
        raise BuildFailed([BuildError(display, 0, "the site settings file is missing")]) from None
    except UnicodeDecodeError as exc:
        raise BuildFailed([BuildError(display, 0, f"is not UTF-8 text ({exc.reason})")]) from None
    except InvalidYaml as exc:
        raise BuildFailed([exc.error]) from None
    values, errors = check_fields(mapping, REQUIRED, OPTIONAL, display)
    for t in values.get("translations", ()):
        ids = [s.id for s in values.get("nav", ())]
        if t.language == values.get("language"):
            errors.append(BuildError(display, mapping.line_of("translations"),
                                     f"`translations.{t.language}` is the site's own language"))
        elif set(t.nav_titles) != set(ids):
            missing = ", ".join(i for i in ids if i not in t.nav_titles) or "none"
            extra = ", ".join(i for i in t.nav_titles if i not in ids) or "none"
            errors.append(BuildError(display, mapping.line_of("translations"),
                                     f"`translations.{t.language}.nav` must title every menu section of `nav` "
                                     f"(missing: {missing}; unknown: {extra})"))
    if errors:
        raise BuildFailed(errors)
    return SiteConfig(
        name=values["name"],
        description=values.get("description", ""),
        base_url=values["base_url"],
        origin=values["origin"],
        language=values["language"],
        assessment_endpoint=values.get("assessment_endpoint", ""),
        assessment_email=values.get("assessment_email", ""),
        nav=values["nav"],
        search=values.get("search", True),
        translations=values.get("translations", ()),
        positions={key: (display, mapping.line_of(key)) for key in {**REQUIRED, **OPTIONAL}},
    )


def resolve_config(
    root: Path, content_dir: Path, base_url: str | None = None, origin: str | None = None,
) -> SiteConfig:
    """``content_dir/site.yml`` with the command-line options applied: the one configuration a build uses.

    The command line checks its options itself (argparse types, ``base_path`` and ``site_origin``); a caller
    passing a bad one gets it named here as an option error.
    """
    config = load_config(content_dir, display_path(content_dir / CONFIG_NAME, root))
    errors = []
    for option, value, check in (("--base-url", base_url, base_path), ("--origin", origin, site_origin)):
        if value is not None:
            try:
                check(value)
            except ValueError as exc:
                errors.append(BuildError(option, 0, str(exc)))
    if errors:
        raise BuildFailed(errors)
    return config.with_overrides(base_url, origin)


# Hosts that cannot be a published site: the examples site.yml ships with, the names RFC 2606 reserves
# for examples and tests, and this computer.
PLACEHOLDER_DOMAINS = ("example.com", "example.org", "example.net", "example.github.io")
RESERVED_SUFFIXES = (".example", ".test", ".invalid", ".localhost")
LOCAL_HOSTS = ("localhost", "127.0.0.1")


def unpublishable(host: str) -> str:
    """Why ``host`` cannot be a live site's ("a placeholder", "a local address"), or "" when it can."""
    host = host.lower().rstrip(".")
    if host in LOCAL_HOSTS:
        return "a local address"
    if host.endswith(RESERVED_SUFFIXES) or any(host == d or host.endswith("." + d) for d in PLACEHOLDER_DOMAINS):
        return "a placeholder"
    return ""


def publish_warnings(config: SiteConfig) -> list[BuildError]:
    """Values fine for a preview but not for the public site; ``build.py --strict`` makes them errors.

    ``config`` is the resolved one (file plus command line), so the origin the Pages workflow passes counts.
    """
    found: list[tuple[str, str, str]] = []  # (key, what is wrong with it, what to set)
    problem = unpublishable(urlsplit(config.origin).hostname or "")
    if problem:
        found.append(("origin", problem, "set your site's address"))
    if config.assessment_endpoint:
        problem = unpublishable(urlsplit(config.assessment_endpoint).hostname or "")
        if problem:
            found.append(("assessment_endpoint", problem, "set your form service's address"))
    elif not config.assessment_email:  # without an endpoint the page offers only this address
        found.append(("assessment_email", "empty", "set it, or an assessment_endpoint, to receive requests"))
    else:
        problem = unpublishable(config.assessment_email.rpartition("@")[2])
        if problem:
            found.append(("assessment_email", problem, "set the address that receives assessment requests"))
    warnings = []
    for key, problem, fix in found:
        value = getattr(config, key)
        shown = f"{problem} ({value})" if value else problem
        warnings.append(BuildError(*config.position(key), f"{key} is {shown}: {fix}"))
    return warnings
