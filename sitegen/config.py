"""The site settings file, ``content/site.yml``."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import BuildError, BuildFailed
from .yamlfile import InvalidYaml, check_fields, load_mapping, optional_text, text

CONFIG_NAME = "site.yml"


@dataclass(frozen=True)
class NavSection:
    id: str
    title: str


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

    def with_overrides(self, base_url: str | None = None, origin: str | None = None) -> SiteConfig:
        """Command-line options win over the file (the Pages workflow passes the real base path)."""
        changed = self
        if base_url is not None:
            changed = replace(changed, base_url=base_path(base_url))
        if origin is not None:
            changed = replace(changed, origin=site_origin(origin))
        return changed


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
    if value and not re.fullmatch(r"https://[A-Za-z0-9.-]+(:\d+)?(/[^\s;'\",]*)?", value):
        raise ValueError("must be empty or an https:// address")
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


REQUIRED = {"name": text, "base_url": base_path, "origin": site_origin, "language": language, "nav": nav_sections}
OPTIONAL = {"description": optional_text, "assessment_endpoint": endpoint, "assessment_email": email}


def load_config(content_dir: Path, display: str) -> SiteConfig:
    """Read and check ``site.yml``; ``display`` is the path shown in error messages."""
    path = content_dir / CONFIG_NAME
    try:
        mapping = load_mapping(path.read_text(encoding="utf-8"), display)
    except FileNotFoundError:
        raise BuildFailed([BuildError(display, 0, "the site settings file is missing")]) from None
    except UnicodeDecodeError as exc:
        raise BuildFailed([BuildError(display, 0, f"is not UTF-8 text ({exc.reason})")]) from None
    except InvalidYaml as exc:
        raise BuildFailed([exc.error]) from None
    values, errors = check_fields(mapping, REQUIRED, OPTIONAL, display)
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
    )
