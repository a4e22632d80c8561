"""The language of an official page, read from its address.

The Government of Canada's sites put the language in the address, each in its own way: canada.ca and
Statistics Canada a first `/en/` or `/fr/`, IRCC's older site `/english/` or `/francais/`, Justice Laws `/eng/`
or `/fra/`, the Canada Gazette `-eng.` or `-fra.` in the file name, and many provinces a first `/en/` or `/fr/`.
A page links a page in another language than its own only when that page has no version in the reader's
language, and says so after the link (the site's `in_other_language` words), marked with `hreflang`.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# (pattern on the path, language): the first that matches wins. Only the two languages of the site's editions.
_PATH_LANGUAGE = (
    (re.compile(r"^/(en|english|eng)(/|$)"), "en"),
    (re.compile(r"^/(fr|francais|fra)(/|$)"), "fr"),
    (re.compile(r"-eng\.[a-z]+$"), "en"),
    (re.compile(r"-fra\.[a-z]+$"), "fr"),
)


def language_of_url(url: str) -> str:
    """"en" or "fr" when the address says which language its page is in, else "" (a page in both, or one
    whose address does not say, such as welcomebc.ca)."""
    path = urlsplit(url).path
    for pattern, language in _PATH_LANGUAGE:
        if pattern.search(path):
            return language
    return ""
