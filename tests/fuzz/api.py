"""Driving schemathesis's generated requests through Django's test client, signed in as a role.

Django's client, not schemathesis's WSGI transport: the client keeps the test's database
transaction open across requests (a bare WSGI handler closes the connection at the end of each
request), and it carries the session cookie of `Cast.client(role)`, which is how the API knows
who is asking (api.api: the Django session is its only authentication)."""

import json
import re
from dataclasses import dataclass, field
from typing import Any, cast

import requests
import schemathesis
from django.test import Client
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from schoolweave.api.api import api
from schoolweave.networks.models import Network

SCHEMA_URL = "/api/openapi.json"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Requests the schema says are invalid are answered 422 by django-ninja, a status its schema
# does not document (it lists 200 and 404 only): for them, no server error and a rejection.
NEGATIVE_CHECKS = [not_a_server_error, negative_data_rejection]
# A word that appears only in the hidden network's own fields.
CANARY = "Quillwort"


@dataclass
class ApiTally:
    """Requests sent, by role and by status code, for the fuzz run's summary."""

    by_role: dict[str, int] = field(default_factory=dict)
    by_status: dict[int, int] = field(default_factory=dict)

    def add(self, role: str, status: int) -> None:
        self.by_role[role] = self.by_role.get(role, 0) + 1
        self.by_status[status] = self.by_status.get(status, 0) + 1

    def total(self) -> int:
        return sum(self.by_role.values())


API_TALLY = ApiTally()


def served_schema(client: Client) -> dict[str, Any]:
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    return cast(dict[str, Any], json.loads(response.content))


# The schema the server serves (a test checks they are the same), built without a request so
# that tests can be made per operation when pytest collects them, before any database exists.
SCHEMA_DICT = json.loads(json.dumps(api.get_openapi_schema()))
SCHEMA = schemathesis.openapi.from_dict(SCHEMA_DICT)
OPERATIONS = {
    f"{op.method.upper()} {op.path}": op for op in (r.ok() for r in SCHEMA.get_all_operations())
}


def checks_for(case: schemathesis.Case) -> list[Any]:
    negative = case.meta is not None and case.meta.generation.mode is GenerationMode.NEGATIVE
    return NEGATIVE_CHECKS if negative else CHECKS


def send(client: Client, case: schemathesis.Case) -> schemathesis.Response:
    """Send `case` as Django's client, and wrap the answer for schemathesis's checks."""
    kwargs = case.as_transport_kwargs(base_url="http://testserver")
    prepared = requests.Request(
        method=kwargs["method"],
        url=kwargs["url"],
        params=kwargs.get("params"),
        headers=kwargs.get("headers"),
        cookies=kwargs.get("cookies"),
    ).prepare()
    assert prepared.url is not None
    path = re.sub(r"^https?://[^/]+", "", prepared.url)
    response = client.generic(kwargs["method"], path)
    return schemathesis.Response(
        status_code=response.status_code,
        headers={name.lower(): [value] for name, value in response.headers.items()},
        content=response.content,
        request=prepared,
        elapsed=0.0,
        verify=False,
    )


def leaks(content: bytes, hidden: Network) -> list[str]:
    """What of `hidden` a response shows: its words or a link to it."""
    text = content.decode("utf-8", errors="replace")
    found = [CANARY] if CANARY.lower() in text.lower() else []
    if re.search(rf"/networks/{hidden.pk}(?![0-9])", text):
        found.append(f"a link to network {hidden.pk}")
    return found
