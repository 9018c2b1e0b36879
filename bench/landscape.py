"""Bench: the landscape review's graph metrics, ours (igraph) against networkx, national scale.

What it measures, in one run (2-core machines are shared and noisy: medians of --repeat runs):
1. A synthetic national landscape on the real open schools of the 2018 register
   (../shared/data/gias/edubasealldata_assembled_2018.csv), shaped like ../shared/BASELINES.md's:
   triads, hubs and spokes (a hub and 3-8 spokes) and clusters of 6-40 near each other in one
   LA, about 150,000 memberships, about 8% of schools left out, and synthetic trusts of 2-15
   schools for a quarter of schools. Nothing here is real network data: it is a load test.
2. The graph metric set both ways: the school-school projection, partners (degree), bridging
   (betweenness, from 500 sampled sources nationally, as the product runs it) and communities
   (Leiden in igraph; Louvain in networkx, which has no Leiden). Target: ours >= 10x faster.
3. Agreement: partners identical; exact betweenness on the largest LA identical to networkx's
   (max absolute difference); the sampled national estimate against the exact one on that LA.
4. The whole review (schools, networks, LA figures) end to end, for the record.
5. One LA's landscape page, p95 over 100 requests to a local server, against the LA's plain
   page in the same run (target p95 < 200 ms).

    .venv/bin/python bench/landscape.py [--repeat 3] [--skip-server]
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

from schoolweave.core.geo import unit_vectors
from schoolweave.core.gias import parse_establishments
from schoolweave.core.landscape import (
    Affiliation,
    AffiliationKind,
    ReviewSettings,
    SchoolPoint,
    review,
)
from schoolweave.core.landscape.review import AffiliationIndex

ROOT = Path(__file__).resolve().parent.parent
NATIONAL = ROOT.parent / "shared" / "data" / "gias" / "edubasealldata_assembled_2018.csv"
TARGET_MEMBERSHIPS = 150_000
SAMPLE = 500
Landscape = tuple[list[SchoolPoint], list[Affiliation]]


def national_schools() -> list[SchoolPoint]:
    columns = ["urn", "name", "la_code", "phase_name", "type_group_name", "lat", "lon", "status"]
    rows = parse_establishments(NATIONAL).table.select(columns).to_pylist()
    return [
        SchoolPoint(
            r["urn"],
            r["name"],
            r["la_code"],
            r["phase_name"] or "",
            r["type_group_name"] or "",
            r["lat"],
            r["lon"],
        )
        for r in rows
        if r["status"] in ("open", "open_proposed_to_close")
    ]


SHAPES = ("triad", "hub_and_spoke", "cluster")
LEADING_ROLE = {"triad": "coordinator", "hub_and_spoke": "hub", "cluster": "lead"}


class _LocalAuthority:
    """One LA's located schools, a KD-tree of them, and which are still in no network."""

    def __init__(self, schools: list[SchoolPoint]) -> None:
        self.schools = schools
        self.tree = cKDTree(_vectors(schools))
        self.uncovered = set(range(len(schools)))

    def network(self, rng: np.random.Generator, size: int) -> list[SchoolPoint]:
        """Schools near a seed school; seeds favour schools in no network yet, as LAs'
        brokering does, so coverage reaches the seeds' ~92%."""
        pool = sorted(self.uncovered) if self.uncovered and rng.random() < 0.8 else None
        seed = int(rng.choice(pool)) if pool else int(rng.integers(len(self.schools)))
        _, near = self.tree.query(_vectors([self.schools[seed]]), k=min(len(self.schools), size))
        chosen = [int(i) for i in np.atleast_1d(near[0])]
        self.uncovered -= set(chosen)
        return [self.schools[i] for i in chosen]


def _vectors(schools: list[SchoolPoint]) -> Any:
    return unit_vectors(np.array([s.lat for s in schools]), np.array([s.lon for s in schools]))


def synthetic_landscape(schools: list[SchoolPoint], seed: int) -> Landscape:
    rng = np.random.default_rng(seed)
    by_la: dict[str, list[SchoolPoint]] = {}
    for school in schools:
        if school.lat is not None:
            by_la.setdefault(school.la, []).append(school)
    las = [_LocalAuthority(members) for members in by_la.values() if len(members) >= 10]
    affiliations: list[Affiliation] = []
    networks = 0
    while len(affiliations) < TARGET_MEMBERSHIPS:
        shape = str(rng.choice(SHAPES, p=[0.4, 0.3, 0.3]))
        size = {"triad": 3, "hub_and_spoke": int(rng.integers(4, 10))}.get(
            shape, int(rng.integers(6, 41))
        )
        chosen = las[int(rng.integers(len(las)))].network(rng, size)
        networks += 1
        affiliations += [
            Affiliation(
                school.urn,
                f"network:{networks}",
                AffiliationKind.NETWORK,
                f"Network {networks}",
                shape,
                LEADING_ROLE[shape] if n == 0 else "member",
            )
            for n, school in enumerate(chosen)
        ]
    return schools, affiliations + _trusts(las, rng)


def _trusts(las: list[_LocalAuthority], rng: np.random.Generator) -> list[Affiliation]:
    """Synthetic trusts of 2-15 schools for about a quarter of each LA's schools."""
    found: list[Affiliation] = []
    trusts = 0
    for la in las:
        pool = [s for s in la.schools if rng.random() < 0.25]
        while len(pool) >= 2:
            size = min(len(pool), int(rng.integers(2, 16)))
            trusts += 1
            found += [
                Affiliation(
                    s.urn, f"group:{trusts}", AffiliationKind.GROUP, f"Trust {trusts}", "MAT"
                )
                for s in pool[:size]
            ]
            pool = pool[size:]
    return found


def ours(landscape: Landscape, seed: int) -> dict[str, Any]:
    index = AffiliationIndex.of(*landscape)
    projection = index.projection((AffiliationKind.NETWORK, AffiliationKind.GROUP))
    partners = projection.graph.degree()
    betweenness, _ = projection.betweenness(sample=SAMPLE, seed=seed)
    communities = projection.communities(seed=seed)
    return {
        "graph": projection.graph,
        "index": index,
        "partners": partners,
        "betweenness": betweenness,
        "communities": communities,
    }


def networkx_baseline(landscape: Landscape, seed: int) -> dict[str, Any]:
    schools, affiliations = landscape
    bipartite = nx.Graph()
    bipartite.add_nodes_from((s.urn for s in schools), bipartite=0)
    bipartite.add_edges_from((a.urn, a.key) for a in affiliations)
    projection = nx.bipartite.weighted_projected_graph(bipartite, [s.urn for s in schools])
    partners = dict(projection.degree())
    betweenness = nx.betweenness_centrality(projection, k=SAMPLE, seed=seed)
    communities = nx.community.louvain_communities(projection, weight="weight", seed=seed)
    return {
        "graph": projection,
        "partners": partners,
        "betweenness": betweenness,
        "communities": communities,
    }


def timed(function: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def agreement(
    landscape: Landscape, our: dict[str, Any], theirs: dict[str, Any]
) -> dict[str, float]:
    index = our["index"]
    same_partners = all(
        our["partners"][index.position[urn]] == theirs["partners"][urn] for urn in index.position
    )
    schools, affiliations = landscape
    largest = max({s.la for s in schools}, key=lambda la: sum(1 for s in schools if s.la == la))
    local_urns = {s.urn for s in schools if s.la == largest}
    local = [s for s in schools if s.urn in local_urns]
    local_aff = [a for a in affiliations if a.urn in local_urns]
    exact = {
        m.urn: m.betweenness
        for m in review(schools=local, affiliations=local_aff, in_scope=local_urns).schools
    }
    sampled = {
        m.urn: m.betweenness
        for m in review(
            schools=local,
            affiliations=local_aff,
            in_scope=local_urns,
            settings=ReviewSettings(sample_sources=100, seed=1),
        ).schools
    }
    graph = nx.Graph()
    graph.add_nodes_from(local_urns)
    groups: dict[str, list[int]] = {}
    for a in local_aff:
        groups.setdefault(a.key, []).append(a.urn)
    for members in groups.values():
        graph.add_edges_from((x, y) for i, x in enumerate(members) for y in members[i + 1 :])
    reference = nx.betweenness_centrality(graph, normalized=True)
    exact_v = np.array([exact[u] for u in sorted(local_urns)])
    sampled_v = np.array([sampled[u] for u in sorted(local_urns)])
    return {
        "partners identical": float(same_partners),
        "largest LA": float(largest),
        "largest LA schools": float(len(local_urns)),
        "exact betweenness max |ours - networkx|": max(
            abs(exact[u] - reference[u]) for u in local_urns
        ),
        "sampled (100 of them) vs exact, Pearson r": float(np.corrcoef(exact_v, sampled_v)[0, 1]),
        "sampled vs exact, mean absolute error": float(np.abs(exact_v - sampled_v).mean()),
    }


def server_p95(requests: int = 100) -> dict[str, float]:
    """p95 of the landscape page and of the LA page, against a runserver with the demo."""
    database = ROOT / "bench" / "out" / "landscape-demo.sqlite3"
    env = {
        **os.environ,
        "SCHOOLWEAVE_DEBUG": "0",
        "SCHOOLWEAVE_SECRET_KEY": "bench-only",
        "SCHOOLWEAVE_DATABASE_URL": f"sqlite:///{database}",
    }
    database.parent.mkdir(exist_ok=True)
    database.unlink(missing_ok=True)
    schoolweave = str(ROOT / ".venv" / "bin" / "schoolweave")
    for command in (["migrate", "-v0"], ["load-demo"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([schoolweave, *command], env=env, check=True, capture_output=True, cwd=ROOT)
    server = subprocess.Popen(
        [schoolweave, "runserver", "--noreload", "127.0.0.1:8899"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = "http://127.0.0.1:8899"
        for _ in range(50):
            try:
                urllib.request.urlopen(base + "/la/333/", timeout=2)  # noqa: S310 (localhost)
                break
            except OSError:
                time.sleep(0.2)
        result = {}
        for name, path in (
            ("LA page /la/333/", "/la/333/"),
            ("landscape page /la/333/landscape/", "/la/333/landscape/"),
        ):
            times = []
            for _ in range(requests):
                started = time.perf_counter()
                with urllib.request.urlopen(base + path, timeout=10) as response:  # noqa: S310
                    response.read()
                times.append(time.perf_counter() - started)
            result[name] = float(np.percentile(times, 95))
        return result
    finally:
        server.terminate()
        server.wait()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--skip-server", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schoolweave.config.settings_test")

    schools = national_schools()
    landscape = synthetic_landscape(schools, args.seed)
    networks = len({a.key for a in landscape[1] if a.kind is AffiliationKind.NETWORK})
    memberships = sum(1 for a in landscape[1] if a.kind is AffiliationKind.NETWORK)
    in_none = len(
        {s.urn for s in schools}
        - {a.urn for a in landscape[1] if a.kind is AffiliationKind.NETWORK}
    )
    groups = sum(1 for a in landscape[1] if a.kind is AffiliationKind.GROUP)
    unlocated = sum(1 for s in schools if s.lat is None)
    print(
        f"Landscape: {len(schools):,} open schools (real 2018 register), {networks:,} synthetic "
        f"networks, {memberships:,} memberships, {groups:,} trust links; "
        f"{in_none / len(schools):.1%} of schools in no network, mostly the "
        f"{unlocated / len(schools):.1%} the register gives no location (networks are local)"
    )
    print(
        f"Versions: igraph {ig.__version__}, networkx {nx.__version__}; betweenness from "
        f"{SAMPLE} sampled sources; median of {args.repeat}\n"
    )
    our_seconds, our_result = timed(lambda: ours(landscape, args.seed), args.repeat)
    their_seconds, their_result = timed(
        lambda: networkx_baseline(landscape, args.seed), 1 if args.repeat < 3 else 2
    )
    edges = our_result["graph"].ecount(), their_result["graph"].number_of_edges()
    ratio = their_seconds / our_seconds
    _line("graph metric set, ours (igraph)", f"{our_seconds:8.2f} s", f"{edges[0]:,} edges")
    _line("graph metric set, networkx", f"{their_seconds:8.2f} s", f"{edges[1]:,} edges")
    _line("networkx / ours", f"{ratio:8.1f}x", f"target >= 10x: {_verdict(ratio >= 10)}\n")

    review_seconds, result = timed(
        lambda: review(
            schools=landscape[0],
            affiliations=landscape[1],
            in_scope=[s.urn for s in schools],
            settings=ReviewSettings(sample_sources=SAMPLE, seed=args.seed),
        ),
        max(1, args.repeat - 1),
    )
    isolated = sum(m.isolated for m in result.schools)
    _line(
        "whole national review (every figure)",
        f"{review_seconds:8.2f} s",
        f"{isolated:,} out on a limb, {len(result.communities):,} communities\n",
    )

    print("Agreement")
    for name, value in agreement(landscape, our_result, their_result).items():
        print(f"  {name:<44} {value:.6g}")

    if not args.skip_server:
        print("\nOne LA's pages, 100 requests each to a local server (demo data, SQLite)")
        p95 = server_p95()
        for name, value in p95.items():
            print(f"  p95 {name:<40} {value * 1000:7.1f} ms")
        page = p95["landscape page /la/333/landscape/"]
        ratio = page / p95["LA page /la/333/"]
        _line("landscape page / LA page", f"{ratio:8.2f}x", f"p95 < 200 ms: {_verdict(page < 0.2)}")
    return 0


def _line(what: str, value: str, note: str) -> None:
    print(f"  {what:<38} {value}   {note}")


def _verdict(passed: bool) -> str:
    return "PASS" if passed else "MISS"


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
