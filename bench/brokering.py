"""Bench: the brokering engine against the greedy matching an officer does by hand.

In one run, on real data where there is real data:
1. A national bench database (bench/out/brokering.sqlite3, kept between runs unless --rebuild):
   the 2018 national register and every real DfE performance, Ofsted and finance file in
   ../shared/data, with similar schools for every school: the strengths and needs brokering
   matches on.
2. A generated 500-school LA (random strengths and needs, 10% opted out) for every shape.
3. The demo's real LAs (Sandwell and its neighbours): triads of primaries, hubs of primaries,
   needs-based clusters of primaries and learning communities of all schools.
4. Every LA in England in sequence: triads of its primaries.
For each: greedy objective, engine objective, proven bound and gap, willing schools left
unplaced by each, and seconds. Targets: gap <= 1% (or proven optimal) for 500 schools within
60 s; never worse than greedy on objective or on willing schools placed; all LAs < 5 minutes.

    .venv/bin/python bench/brokering.py [--rebuild] [--time-limit 30] [--skip-national]
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / "bench" / "out" / "brokering.sqlite3"
DEMO_LAS = ("333", "330", "332", "335", "336")
HEADER = (
    f"{'case':<34}{'schools':>8}{'greedy':>11}{'engine':>11}{'bound':>11}{'gap':>8}"
    f"{'unplaced g/e':>14}{'seconds':>9}  status"
)


def prepare(rebuild: bool) -> None:
    os.environ["SCHOOLWEAVE_DATABASE_URL"] = f"sqlite:///{DATABASE}"
    os.environ.setdefault("SCHOOLWEAVE_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schoolweave.config.settings")
    fresh = rebuild or not DATABASE.exists()
    if fresh:
        DATABASE.parent.mkdir(parents=True, exist_ok=True)
        DATABASE.unlink(missing_ok=True)
    import django

    django.setup()
    if not fresh:
        return
    from django.core.management import call_command

    from national import PERFORMANCE_FILES, import_national

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    import_national((*PERFORMANCE_FILES, ("performance/england_ks5final_2017.csv", 2017)))
    print(f"National bench database built in {time.perf_counter() - started:.0f} s\n")


def generated(count: int, seed: int) -> list[Any]:
    from schoolweave.core.broker import Candidate, Willingness

    rng = random.Random(seed)
    focuses = ("reading", "writing", "maths")
    return [
        Candidate(
            urn=900_000 + i,
            name=f"Generated school {i}",
            phase="Primary",
            lat=52.5 + rng.uniform(-0.12, 0.12),
            lon=-2.0 + rng.uniform(-0.2, 0.2),
            pupils=rng.uniform(100, 600),
            fsm=rng.uniform(5, 45),
            ofsted=rng.choice([1, 2, 2, 2, 3, 3, 4]),
            strengths={f: round(rng.uniform(0.3, 2.5), 2) for f in focuses if rng.random() < 0.25},
            needs={f: round(rng.uniform(0.3, 2.5), 2) for f in focuses if rng.random() < 0.3},
            willingness=Willingness.OPTED_OUT if rng.random() < 0.1 else Willingness.OPTED_IN,
        )
        for i in range(count)
    ]


def real(la: str, phases: tuple[str, ...]) -> list[Any]:
    from schoolweave.accounts.permissions import PUBLIC
    from schoolweave.brokering.selectors import candidates, schools_in_scope
    from schoolweave.core.broker import Willingness

    schools = schools_in_scope(la_code=la, phases=phases)
    return candidates(who=PUBLIC, schools=schools, willingness={}, default=Willingness.OPTED_IN)


def run(case: str, found: list[Any], shape: str, limit: float, **extra: Any) -> dict[str, Any]:
    from schoolweave.core.broker import BrokerConfig, Infeasible, Shape, broker

    config = BrokerConfig(shape=Shape(shape), time_limit=limit, **extra)
    started = time.perf_counter()
    try:
        p = broker(candidates=found, config=config)
    except Infeasible as exc:
        print(f"{case:<34}{len(found):>8}  infeasible: {exc}")
        return {}
    seconds = time.perf_counter() - started
    row = {
        "greedy": p.greedy_objective,
        "engine": p.objective,
        "bound": p.bound,
        "gap": p.gap,
        "unplaced_greedy": len(p.greedy_unplaced_willing),
        "unplaced": len(p.unplaced_willing),
        "seconds": seconds,
        "status": p.status,
        "schools": len(found),
    }
    unplaced = f"{len(p.greedy_unplaced_willing):>7}/{len(p.unplaced_willing):<6}"
    print(
        f"{case:<34}{len(found):>8}{p.greedy_objective:>11.1f}{p.objective:>11.1f}"
        f"{p.bound:>11.1f}{p.gap:>7.2%}{unplaced}{seconds:>9.1f}  {p.status}"
    )
    return row


def margins(rows: list[dict[str, Any]]) -> str:
    rows = [r for r in rows if r]
    worse_objective = sum(r["engine"] < r["greedy"] - 1e-6 for r in rows)
    worse_placed = sum(r["unplaced"] > r["unplaced_greedy"] for r in rows)
    gains = [(r["engine"] - r["greedy"]) / abs(r["greedy"]) for r in rows if r["greedy"]]
    return (
        f"engine worse than greedy on objective in {worse_objective}, on willing schools placed in "
        f"{worse_placed} of {len(rows)}; objective above greedy by median "
        f"{statistics.median(gains):.1%} (least {min(gains):.1%}, most {max(gains):.1%})"
        if gains
        else "no comparable cases"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--skip-national", action="store_true")
    args = parser.parse_args()
    prepare(args.rebuild)
    limit = args.time_limit
    print(f"Time limit {limit:g} s per solve (deterministic time for CP-SAT); 2 workers\n{HEADER}")

    rows = []
    synthetic = generated(500, seed=2026)
    for shape in ("triad", "hub", "cluster", "community"):
        extra = {"communities": 7} if shape == "community" else {}
        rows.append(run(f"generated 500-school LA, {shape}", synthetic, shape, limit, **extra))
    print()
    for la in DEMO_LAS:
        primaries = real(la, ("Primary",))
        for shape in ("triad", "hub", "cluster"):
            rows.append(run(f"LA {la} primaries, {shape}", primaries, shape, limit))
        rows.append(
            run(f"LA {la} all schools, community", real(la, ()), "community", limit, communities=4)
        )
    print(f"\n{margins(rows)}")

    if not args.skip_national:
        from schoolweave.register.models import LocalAuthority

        print("\nEvery LA in England, triads of its primaries")
        started = time.perf_counter()
        national = []
        for la in LocalAuthority.objects.order_by("code").values_list("code", flat=True):
            primaries = real(la, ("Primary",))
            if len(primaries) >= 3:
                national.append(run(f"LA {la}", primaries, "triad", limit))
        total = time.perf_counter() - started
        done = [r for r in national if r]
        optimal = sum(r["status"] == "optimal" for r in done)
        verdict = "PASS" if total < 300 else "MISS"
        print(
            f"\n{len(done)} LAs in {total:.0f} s (target < 300 s: {verdict}); "
            f"{optimal} proven optimal; largest gap {max(r['gap'] for r in done):.3%}"
        )
        print(margins(done))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
