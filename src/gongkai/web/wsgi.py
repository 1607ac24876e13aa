"""WSGI entry point for production servers (gunicorn gongkai.web.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
django_application = get_wsgi_application()

from gongkai.web.portal.pagecache import serve_stored  # noqa: E402 (needs the settings configured above)

# Stored public pages are answered before Django's handler (portal/pagecache.py, StoredPages).
application = serve_stored(django_application)
