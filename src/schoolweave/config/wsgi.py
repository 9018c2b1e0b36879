import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schoolweave.config.settings")
application = get_wsgi_application()

# Every view is imported now, not on a worker's first request; then all that is loaded moves
# to the collector's permanent generation. Otherwise each full collection walks the millions of
# objects of the libraries (pandas, scipy, altair, statsmodels): measured at about 115 ms, every
# few requests, landing on whichever request was running (p90 of /api/schools 155 ms; frozen,
# 38 ms). Objects made while serving are collected as before.
get_resolver().url_patterns  # noqa: B018 - importing the URLconf imports every view
gc.freeze()
