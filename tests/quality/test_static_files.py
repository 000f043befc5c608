"""The shared layout's static files are found by Django's finders (so collectstatic ships them)."""

import pytest
from django.contrib.staticfiles import finders

SHARED = ["kyodo/css/kyodo.css", "vendor/digital-go-jp/tokens.css", "vendor/htmx/htmx.min.js",
          "vendor/axe-core/axe.min.js"]


@pytest.mark.parametrize("path", SHARED)
def test_the_shared_static_files_are_found(path):
    assert finders.find(path), (
        f"{path} is not found by the static files finders: src/kyodo/static is not an app's static folder, "
        "so settings.py needs STATICFILES_DIRS = [PACKAGE_DIR / 'static'] (else `make run` serves an unstyled site)"
    )
