import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyodo.settings")
application = get_wsgi_application()

# The server refuses to start with demo accounts outside demo mode.
from kyodo.demo.accounts import ensure_no_demo_accounts_outside_demo_mode  # noqa: E402

ensure_no_demo_accounts_outside_demo_mode()
