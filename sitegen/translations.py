"""The editions must stay paired: every page in every language, and no translation older than its original.

A page of a translation is ``content/<language>/<path>``, the counterpart of ``content/<path>``. What is found here
is a warning (a preview can live with a page not yet translated) and an error under ``build.py --strict``, so the
published site never has a page in one language only, nor a French page that missed a change to the English one.
"""

from __future__ import annotations

from .errors import BuildError
from .pages import Page


def check_pairs(originals: dict[str, Page], translations: dict[str, dict[str, Page]]) -> list[BuildError]:
    """Pages without a counterpart, and translations reviewed (``updated``) before their original.

    ``originals``: the site's own pages by path in the edition (``fees.md``); ``translations``: for each other
    language, its pages the same way (empty when it has none yet).
    """
    problems = []
    for language, theirs in translations.items():
        for key, page in originals.items():
            other = theirs.get(key)
            if other is None:
                content = page.display_path[: -len(page.rel_path)]  # "content/" as errors show it
                problems.append(BuildError(page.display_path, 1, f"has no `{language}` version: add "
                                                                 f"{content}{language}/{key}"))
            elif other.updated < page.updated:
                problems.append(BuildError(other.display_path, other.lines.get("updated", 1),
                                           f"`updated: {other.updated}` is older than its original's "
                                           f"({page.display_path}, updated {page.updated}): bring the translation "
                                           f"up to date, then set `updated`"))
        for key, other in theirs.items():
            if key not in originals:
                content = other.display_path[: -len(other.rel_path)]
                problems.append(BuildError(other.display_path, 1, f"is the `{language}` version of "
                                                                  f"{content}{key}, which does not exist"))
    return problems
