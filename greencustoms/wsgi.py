"""WSGI entry point (gunicorn greencustoms.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "greencustoms.settings.dev")
application = get_wsgi_application()

# Everything loaded so far (Django, Wagtail, URL patterns, templates' libraries) lives as long as the
# process: move it out of the collector's sight, so full collections only walk what requests allocate.
gc.collect()
gc.freeze()
