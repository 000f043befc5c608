"""Downloads (exports, PDFs, attachments) are refused to whoever may not have them (S19).

The downloads are the views marked with ``kyodo.downloads.download`` (``is_download``), found
by walking the URL configuration; a URL whose name sounds like a file ("export", "download",
"pdf", "csv", "xlsx") must be marked, so a new export cannot slip past these tests. Until the
first download exists the test passes and says so.
"""

from __future__ import annotations

import warnings

import pytest
from django.urls import resolve, reverse

from tests.conftest import ROLES
from tests.test_authorization_matrix import CASES, site_patterns

WORDS = ("export", "download", "pdf", "csv", "xlsx")


def download_names() -> list[str]:
    """Every URL name whose view answers with a file."""
    return sorted({f"{ns}:{p.name}".lstrip(":") for ns, p in site_patterns()
                   if p.name and getattr(p.callback, "is_download", False)})


def test_every_url_that_sounds_like_a_file_is_a_marked_download():
    unmarked = sorted(f"{ns}:{p.name}".lstrip(":") for ns, p in site_patterns()
                      if p.name and any(word in p.name.lower() for word in WORDS)
                      and not getattr(p.callback, "is_download", False))
    assert unmarked == [], "mark these views with @kyodo.downloads.download"


def test_every_download_url_has_a_name():
    assert all(p.name for _ns, p in site_patterns() if getattr(p.callback, "is_download", False))


class NoDownloadsYet(UserWarning):
    pass


def test_a_download_is_declared_public_exactly_when_its_view_is_public():
    """``@download(public=True)`` and ``@public`` go together: a file anyone may have is said to be one."""
    for ns, p in site_patterns():
        if not getattr(p.callback, "is_download", False):
            continue
        policy = str(getattr(p.callback, "access_policy", ""))
        declared = getattr(p.callback, "is_public_download", False)
        assert declared == (policy == "public"), f"{ns}:{p.name}: public={declared} but its policy is {policy!r}"


@pytest.mark.django_db
def test_download_urls_are_enumerated():
    names = download_names()
    if not names:
        warnings.warn(NoDownloadsYet(
            "no download URLs exist yet (no view is marked with @kyodo.downloads.download): "
            "test_each_download_is_refused_to_others has nothing to check"
        ), stacklevel=1)
    assert all(name in CASES for name in names), "every download needs an access case (tests/*/access_matrix.py)"


@pytest.mark.parametrize("name", download_names() or [pytest.param(None, id="none-yet")])
@pytest.mark.parametrize("which", ["own", "other"])
def test_each_download_is_refused_to_others(name, which, world):
    if name is None:
        return  # nothing to download yet; see test_download_urls_are_enumerated
    case = CASES[name]
    url = reverse(name, kwargs=case.kwargs(world, which))
    for role in ROLES:
        client = world.client(role)
        response = client.get(url)
        if case.allowed(role, which):
            assert response.status_code == 200, f"{role} should get {url}"
            disposition = response.get("Content-Disposition", "")
            assert disposition.startswith("attachment"), f"{url}: a download must say attachment"
            assert "/" not in disposition and "\\" not in disposition, disposition
            if getattr(resolve(url).func, "is_public_download", False):
                assert case.allowed("anonymous", which), f"{url} is a public download: everyone may have it"
            elif role != "anonymous" and not case.allowed("anonymous", which):  # a file public by its state
                client.post(reverse("accounts:logout"))
                after = client.get(url)
                assert after.status_code in (302, 401, 403, 404), f"{url} still served after sign-out"
        else:
            assert response.status_code in (302, 401, 403, 404), f"{role} got {url}: {response.status_code}"
            assert not response.get("Content-Disposition"), f"{role} got a file from {url}"
