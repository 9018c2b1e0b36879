"""Locust users for bench/load.py: people browsing Schoolweave's main pages and its API.

The URLs come from bench/out/load-urls.json, written by bench/load.py from the loaded database:
LA codes, school URNs and network ids that exist. Requests go only to the host locust is given
(bench/load.py passes 127.0.0.1), and every user stops when the run's time is up.
"""

import json
import os
import random
from pathlib import Path

from locust import HttpUser, between, constant, task

URLS = json.loads(
    Path(os.environ.get("SCHOOLWEAVE_LOAD_URLS", "bench/out/load-urls.json")).read_text()
)


class Officer(HttpUser):
    """An officer or headteacher reading pages: a few seconds on each before the next (none
    for the one-person baseline, which asks for one page after another)."""

    wait_time = constant(0) if os.environ.get("SCHOOLWEAVE_LOAD_NO_WAIT") else between(1, 3)

    def on_start(self) -> None:
        # As the reverse proxy passes requests on: production settings redirect plain HTTP.
        self.client.headers["X-Forwarded-Proto"] = "https"

    @task(4)
    def la_page(self) -> None:
        self.client.get(f"/la/{random.choice(URLS['las'])}/", name="/la/[code]/")

    @task(6)
    def school_page(self) -> None:
        self.client.get(f"/schools/{random.choice(URLS['schools'])}/", name="/schools/[urn]/")

    @task(3)
    def network_page(self) -> None:
        self.client.get(f"/networks/{random.choice(URLS['networks'])}/", name="/networks/[id]/")

    @task(2)
    def landscape_page(self) -> None:
        code = random.choice(URLS["las"])
        self.client.get(f"/la/{code}/landscape/", name="/la/[code]/landscape/")

    @task(2)
    def directory(self) -> None:
        self.client.get(f"/networks/?la={random.choice(URLS['las'])}", name="/networks/?la=")

    @task(2)
    def api(self) -> None:
        code = random.choice(URLS["las"])
        self.client.get(f"/api/schools?la={code}&limit=100", name="/api/schools?la=")
        self.client.get(
            f"/api/networks/{random.choice(URLS['networks'])}", name="/api/networks/[id]"
        )
