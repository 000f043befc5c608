"""Find the pages a role can reach by following links, as a person would (GET only)."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urldefrag, urlsplit

from django.urls import Resolver404, resolve

# Not pages for people, or not ours to audit: Django admin beyond its index, sign-out,
# the API and its docs (Swagger UI), files, the language switch (POST only).
SKIP_PREFIXES = ("/api/", "/static/", "/media/", "/i18n/", "/accounts/logout/",
                 # Public files, not pages: the events' open-data CSV (tests/events checks it).
                 "/events/open-data/")
# Public files, not pages: iCal feeds (tests/events and tests/dialogue check them).
SKIP_SUFFIXES = (".ics", ".csv", ".xlsx", ".pdf")
# Files, not pages (Excel exports, PDFs, attachments): tests/quality/test_downloads.py checks who may have them.
DOWNLOAD_WORDS = ("export", "download", "pdf", "attachment")
MAX_PAGES = 100
MAX_PER_URL_NAME = 2  # 33 communities share one template: two of each page type are enough


@dataclass(frozen=True)
class Visit:
    path: str
    url_name: str
    status: int


def url_name(path: str) -> str:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return "(unresolved)"
    return match.view_name or match.route


def is_download(path: str) -> bool:
    """Whether the view answers with a file (``kyodo.downloads.download`` marks it)."""
    try:
        return bool(getattr(resolve(path).func, "is_download", False))
    except Resolver404:
        return False


def skipped(path: str) -> bool:
    bare = urlsplit(path).path
    if bare.startswith(SKIP_PREFIXES) or bare.endswith(SKIP_SUFFIXES):
        return True
    if any(word in url_name(bare) for word in DOWNLOAD_WORDS) or is_download(bare):
        return True
    return bare.startswith("/admin/") and bare != "/admin/"


def crawl(page, base_url: str, starts: list[str], *, on_page: Callable[[Visit], None],
          max_pages: int = MAX_PAGES) -> list[Visit]:
    """Visit same-origin pages reachable from ``starts``; call ``on_page`` on each one."""
    queue = deque(starts)
    seen: set[str] = set(starts)
    per_name: Counter[str] = Counter()
    visits: list[Visit] = []
    while queue and len(visits) < max_pages:
        # Page types not seen yet first, so the cap never hides a whole kind of page.
        path = next((p for p in queue if per_name[url_name(p)] == 0), queue[0])
        queue.remove(path)
        name = url_name(path)
        if per_name[name] >= MAX_PER_URL_NAME:
            continue
        response = page.goto(base_url + path)
        final = page.url.removeprefix(base_url)
        if final != path and final in {v.path for v in visits}:
            continue  # a redirect to a page already audited (e.g. sign-in)
        per_name[name] += 1
        visit = Visit(final, url_name(final), response.status if response else 0)
        visits.append(visit)
        on_page(visit)
        for link in _links(page, base_url):
            if link not in seen and not skipped(link):
                seen.add(link)
                queue.append(link)
    return visits


def _links(page, base_url: str) -> Iterator[str]:
    for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
        href, _fragment = urldefrag(href)
        if href.startswith(base_url + "/"):
            yield href.removeprefix(base_url)
