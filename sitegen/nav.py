"""Navigation from the content: menu sections, breadcrumbs, previous/next through a section."""

from __future__ import annotations

from dataclasses import dataclass, field

from .config import NavSection
from .errors import BuildError
from .pages import Page


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str


@dataclass
class Section:
    id: str
    title: str
    pages: list[Page]

    @property
    def landing(self) -> Page | None:
        """The section's first page (its index.md, or order 0): where the menu link goes."""
        return self.pages[0] if self.pages else None


@dataclass
class Navigation:
    sections: list[Section]
    by_page: dict[str, Section]
    position: dict[str, int] = field(default_factory=dict)  # page -> index in its section (list.index is O(n))

    def section_of(self, page: Page) -> Section | None:
        return self.by_page.get(page.rel_path)

    def breadcrumbs(self, page: Page, home: Page | None) -> list[Crumb]:
        crumbs = [Crumb(home.short_title, home.url)] if home and page is not home else []
        section = self.section_of(page)
        if section and section.landing and section.landing is not page:
            crumbs.append(Crumb(section.title, section.landing.url))
        return crumbs

    def crumb_title(self, page: Page) -> str:
        """The last breadcrumb: a section's landing page goes by the menu's label for the section, so the
        trail says "Home › Documents" where the menu says "Documents" (its nav_title stays for the pager)."""
        section = self.section_of(page)
        return section.title if section and section.landing is page else page.short_title

    def neighbours(self, page: Page) -> tuple[Page | None, Page | None]:
        """Previous and next page in reading order within the page's section."""
        section = self.section_of(page)
        if not section or len(section.pages) < 2:
            return None, None
        i = self.position[page.rel_path]
        return (section.pages[i - 1] if i > 0 else None, section.pages[i + 1] if i + 1 < len(section.pages) else None)


def build_navigation(pages: list[Page], sections: tuple[NavSection, ...]) -> tuple[Navigation, list[BuildError]]:
    known = {s.id: Section(s.id, s.title, []) for s in sections}
    errors = []
    for page in pages:
        if not page.section:
            continue
        section = known.get(page.section)
        if section is None:
            errors.append(BuildError(page.display_path, page.lines.get("section", 1),
                                     f"`section` names an unknown menu section `{page.section}` "
                                     f"(known: {', '.join(known)}; add it to content/site.yml)"))
            continue
        section.pages.append(page)
    by_page, position = {}, {}
    for section in known.values():
        # A section's own index.md comes first; then order, then title for a stable result.
        section.pages.sort(key=lambda p: (p.rel_path.rpartition("/")[2] != "index.md", p.order, p.title, p.rel_path))
        by_page.update({p.rel_path: section for p in section.pages})
        position.update({p.rel_path: i for i, p in enumerate(section.pages)})
    return Navigation([s for s in known.values() if s.pages], by_page, position), errors
