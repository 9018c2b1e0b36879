"""Bench: 50 people browsing at once, against gunicorn and PostgreSQL with the national data.

1. Database: PostgreSQL from scripts/postgres, database `schoolweave_load`, kept between runs
   unless --rebuild. It holds the national register (GIAS 2018, 26,078 schools), every LA's
   boundary, the GIAS links and every real performance file in ../shared/data with similar
   schools, and illustrative triads in every LA (about ten each) so network pages and the
   landscape have something to show.
2. Server: `gunicorn schoolweave.config.wsgi` on 127.0.0.1 with production settings (debug
   off), after collectstatic.
3. The cache emptied, then `schoolweave prepare-pages`, as the worker runs it after every
   import: each LA page's performance section (half a second for most LAs, a few seconds for
   the largest), timed. School and network pages are not prepared: most of the 26,000 are
   first visits during the run.
4. Baseline: one person, one page after another (locust, 1 user, no wait), for the same pages.
5. Load: 50 people (locust, 1 to 3 s between pages) for --seconds. Target: p95 < 200 ms for
   every page and the API, and no errors.
Reported per page: requests, p50 and p95 for one person and for 50, the ratio of the two p95s,
and errors. Requests go to 127.0.0.1 only; every run is bounded by its time limit.

    .venv/bin/python bench/load.py [--rebuild] [--seconds 120] [--users 50] [--workers N] [--cold]

--cold skips step 3's preparation: as just after an import with no worker running.
"""

import argparse
import csv
import os
import random
import shutil
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
URLS = OUT / "load-urls.json"
CACHE = OUT / "load-cache"  # the server's own, apart from the demo's var/cache
DATABASE = "schoolweave_load"
PORT = 8911
HOST = f"http://127.0.0.1:{PORT}"
TRIADS_PER_LA = 10
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def database_url() -> str:
    started = subprocess.run(
        [str(ROOT / "scripts" / "postgres"), "start"], check=True, capture_output=True, text=True
    )
    return started.stdout.strip().rsplit("/", 1)[0] + "/" + DATABASE


def server_env(url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "schoolweave.config.settings",
        "SCHOOLWEAVE_DATABASE_URL": url,
        "SCHOOLWEAVE_DEBUG": "0",
        "SCHOOLWEAVE_SECRET_KEY": "bench-only-" + "x" * 50,
        "SCHOOLWEAVE_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SCHOOLWEAVE_CACHE_DIR": str(CACHE),
    }


def build(url: str, rebuild: bool) -> None:
    """The national database, made once (about two minutes) and kept."""
    import psycopg

    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)
        ).fetchone()
        if exists and not rebuild and URLS.exists():
            return
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    started = time.perf_counter()
    env = server_env(url)
    subprocess.run(
        [sys.executable, str(Path(__file__).with_name("load_data.py"))], env=env, check=True
    )
    print(f"National database built in {time.perf_counter() - started:.0f} s", flush=True)


def serve(url: str, workers: int) -> subprocess.Popen[bytes]:
    env = server_env(url)
    schoolweave = str(ROOT / ".venv" / "bin" / "schoolweave")
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([schoolweave, *command], env=env, check=True, cwd=ROOT)
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "schoolweave.config.wsgi",
            f"--bind=127.0.0.1:{PORT}",
            f"--workers={workers}",
            "--log-level=warning",
        ],
        env=env,
        cwd=ROOT,
    )
    for _ in range(100):
        try:
            get("/healthz", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def get(path: str, timeout: float) -> bytes:
    """As the reverse proxy would pass it on: production settings redirect plain HTTP."""
    request = urllib.request.Request(HOST + path, headers=PROXY_HEADERS)  # noqa: S310 (localhost only)
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        return bytes(response.read())


def prepare(url: str) -> None:
    """What the worker does after each import: every LA page's performance section."""
    schoolweave = str(ROOT / ".venv" / "bin" / "schoolweave")
    done = subprocess.run(
        [schoolweave, "prepare-pages"],
        env=server_env(url),
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    print(f"as the worker after an import: {done.stdout.strip()}", flush=True)


def locust(users: int, seconds: int, wait: bool, name: str) -> dict[str, dict[str, Any]]:
    """Run locust headless and read its per-page stats."""
    prefix = OUT / f"load-{name}"
    env = {**os.environ, "SCHOOLWEAVE_LOAD_URLS": str(URLS)}
    if not wait:
        env["SCHOOLWEAVE_LOAD_NO_WAIT"] = "1"
    subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "locust"),
            "-f",
            str(Path(__file__).with_name("locustfile.py")),
            "--headless",
            f"--host={HOST}",
            f"--users={users}",
            f"--spawn-rate={max(1, users // 5)}",
            f"--run-time={seconds}s",
            f"--csv={prefix}",
            "--only-summary",
            "--loglevel=WARNING",
        ],
        env=env,
        check=False,  # locust exits 1 when any request failed: the table reports it
        cwd=ROOT,
        capture_output=True,
    )
    stats: dict[str, dict[str, Any]] = defaultdict(dict)
    with Path(f"{prefix}_stats.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            stats[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50": float(row["50%"]),
                "p95": float(row["95%"]),
            }
    return stats


def report(one: dict[str, dict[str, Any]], many: dict[str, dict[str, Any]], users: int) -> bool:
    header = (
        f"{'page':<26}{'requests':>9}{'p50 1':>8}{'p95 1':>8}"
        f"{f'p50 {users}':>9}{f'p95 {users}':>9}{'p95 ratio':>10}{'errors':>8}"
    )
    print(header)
    passed = True
    for name in sorted(many):
        if name == "Aggregated":
            continue
        alone, loaded = one.get(name, {}), many[name]
        ratio = loaded["p95"] / alone["p95"] if alone.get("p95") else float("nan")
        print(
            f"{name:<26}{loaded['requests']:>9}"
            f"{alone.get('p50', 0):>8.0f}{alone.get('p95', 0):>8.0f}"
            f"{loaded['p50']:>9.0f}{loaded['p95']:>9.0f}{ratio:>9.1f}x{loaded['failures']:>8}"
        )
        passed = passed and loaded["p95"] < 200 and loaded["failures"] == 0
    total = many["Aggregated"]
    print(
        f"{'all':<26}{total['requests']:>9}{'':>16}{total['p50']:>9.0f}{total['p95']:>9.0f}"
        f"{'':>10}{total['failures']:>8}"
    )
    print(f"target: p95 < 200 ms on every page and 0 errors: {'PASS' if passed else 'MISS'}")
    return passed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument(
        "--cold",
        action="store_true",
        help="nothing prepared: as just after an import with no worker running",
    )
    args = parser.parse_args()
    random.seed(2018)
    OUT.mkdir(parents=True, exist_ok=True)
    url = database_url()
    build(url, args.rebuild)
    shutil.rmtree(CACHE, ignore_errors=True)
    server = serve(url, args.workers)
    try:
        print(f"gunicorn, {args.workers} workers; PostgreSQL; {os.cpu_count()} cores", flush=True)
        if args.cold:
            print("cold: nothing prepared, as if the worker were not running", flush=True)
        else:
            prepare(url)
        one = locust(1, max(30, args.seconds // 4), wait=False, name="one")
        many = locust(args.users, args.seconds, wait=True, name="many")
        report(one, many, args.users)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
