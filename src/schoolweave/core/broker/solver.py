"""One model, two solvers. The models are written once against this thin backend; CP-SAT and
OR-Tools' model_builder (here for SCIP) share the calls they use (new_bool_var, add, maximize,
LinearExpr). Measured here on real LAs with the demo's performance data (Birmingham, 472
schools): CP-SAT, given integer coefficients, proves triads optimal fastest (3.4 s; SCIP 6.5 s).
SCIP, whose linear relaxation is stronger for capacitated assignment, proves hubs (9.8 s; CP-SAT
still 0.1% short after 81 s), needs-based clusters (4 s on a generated 500-school LA, against a
7% gap after 80 s) and learning communities (the p-median: 7 s, against 8% after 30 s)."""

from dataclasses import dataclass
from typing import Any

from ortools.linear_solver.python import model_builder as mb
from ortools.sat.python import cp_model

from schoolweave.core.broker.model import BrokerConfig, Shape

BACKEND = {Shape.TRIAD: "sat", Shape.HUB: "scip", Shape.CLUSTER: "scip", Shape.COMMUNITY: "scip"}
# Small, dense LAs (every school near every other) stall CP-SAT on triads where SCIP is quick:
# inner London's LA 202, 57 primaries, proven optimal by SCIP in 0.3 s, CP-SAT still short
# after 120 s. Larger LAs go faster in CP-SAT (Birmingham's 472: 3.4 s against 6.5 s).
SMALL_TRIAD_POOL = 150
SCALE = 1000  # CP-SAT needs integer coefficients: scores to a thousandth


@dataclass
class Backend:
    name: str
    model: Any  # cp_model.CpModel or mb.Model

    @classmethod
    def for_shape(cls, shape: Shape, schools: int = 0) -> "Backend":
        name = BACKEND[shape]
        if shape is Shape.TRIAD and schools <= SMALL_TRIAD_POOL:
            name = "scip"
        return cls(name, cp_model.CpModel() if name == "sat" else mb.Model())  # type: ignore[no-untyped-call]

    @property
    def expr(self) -> Any:
        return cp_model.LinearExpr if self.name == "sat" else mb.LinearExpr

    def weight(self, value: float) -> float:
        return round(value * SCALE) if self.name == "sat" else value

    def boolean(self, name: str) -> Any:
        return self.model.new_bool_var(name)

    def total(self, variables: list[Any]) -> Any:
        return self.expr.sum(variables)

    def weighted(self, variables: list[Any], weights: list[float]) -> Any:
        return self.expr.weighted_sum(variables, [self.weight(w) for w in weights])


@dataclass(frozen=True)
class Solved:
    status: str  # "optimal", "feasible", "infeasible" or "unknown"
    objective: float
    bound: float
    values: Any  # the solver, to read variables' values

    def value(self, variable: Any) -> float:
        return float(self.values.value(variable))


def solve(backend: Backend, config: BrokerConfig) -> Solved:
    """Solve with the backend's solver."""
    return _solve_sat(backend, config) if backend.name == "sat" else _solve_mip(backend, config)


def _solve_sat(backend: Backend, config: BrokerConfig) -> Solved:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = config.workers
    solver.parameters.random_seed = config.seed
    # Deterministic time, so the same inputs and seed give the same answer on any machine;
    # wall-clock time is only a safety net.
    solver.parameters.max_deterministic_time = config.time_limit
    solver.parameters.max_time_in_seconds = max(10.0, 4 * config.time_limit)
    status = solver.solve(backend.model)
    name = {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible"}.get(status, "unknown")
    if status == cp_model.INFEASIBLE:
        name = "infeasible"
    found = name in ("optimal", "feasible")
    return Solved(
        status=name,
        objective=solver.objective_value / SCALE if found else 0.0,
        bound=solver.best_objective_bound / SCALE if found else 0.0,
        values=solver,
    )


def _solve_mip(backend: Backend, config: BrokerConfig) -> Solved:
    solver = mb.Solver("scip")
    solver.set_time_limit_in_seconds(config.time_limit)
    solver.set_solver_specific_parameters(f"randomization/randomseedshift = {config.seed}")
    status = solver.solve(backend.model)
    name = {
        mb.SolveStatus.OPTIMAL: "optimal",
        mb.SolveStatus.FEASIBLE: "feasible",
        mb.SolveStatus.INFEASIBLE: "infeasible",
    }.get(status, "unknown")
    found = name in ("optimal", "feasible")
    return Solved(
        status=name,
        objective=solver.objective_value if found else 0.0,
        bound=solver.best_objective_bound if found else 0.0,
        values=solver,
    )
