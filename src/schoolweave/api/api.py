"""Schoolweave's read-only JSON API (django-ninja), served under /api/.

Open data: LAs, schools and statutory groups as GIAS publishes them, and the directory of
networks with their memberships. The endpoints call the selectors the pages call, and the same
rules of accounts.permissions apply: the viewer is the Django session's user (sign in on the
site; the API has no other authentication), unpublished networks and their memberships are
listed only to those allowed, and contact details only to signed-in users. GET only.

The OpenAPI schema is at /api/openapi.json; /api/docs renders it as a page on the server,
with nothing loaded from a CDN (docs.SchemaPage).
"""

from ninja import NinjaAPI

from schoolweave.api import networks, register
from schoolweave.api.docs import SchemaPage

DESCRIPTION = """\
Read-only open data from Schoolweave: local authorities, schools and statutory groups from
Get Information about Schools, and the directory of school networks with their memberships.

Pages: lists take limit (at most 500) and offset, and answer with count, limit, offset, next
and previous (links, or null) and items.

Who sees what: without signing in you see published networks, without contact details.
Signed in on the site (the Django session cookie), you also see contacts' email addresses and
telephone numbers, and the unpublished networks you lead or whose local authority you serve.
A network you may not see is a 404, as if it did not exist.

Contains public sector information licensed under the Open Government Licence v3.0.
"""

api = NinjaAPI(
    title="Schoolweave API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs=SchemaPage(),
    docs_url="/docs",
)
api.add_router("", register.router)
api.add_router("", networks.router)
