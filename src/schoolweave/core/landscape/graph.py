"""The school-network graph and what igraph computes on it.

Schools and groups (networks, trusts) form a bipartite graph; its projection joins two schools
once for each group they share. igraph was measured fastest here for every step we need
(../shared/BASELINES.md: projection 42x networkx, exact betweenness 35x, sampled national
betweenness in 6 s, Leiden); networkx is only the benchmark's baseline.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass

import igraph as ig


@dataclass(frozen=True)
class Projection:
    """School-to-school graph: vertex i is the i-th school; edge weight = groups shared."""

    graph: ig.Graph

    @classmethod
    def of(cls, schools: int, memberships: Sequence[tuple[int, int]], groups: int) -> "Projection":
        """`memberships`: (school index, group index) pairs."""
        bipartite = ig.Graph(n=schools + groups, edges=[(s, schools + g) for s, g in memberships])
        bipartite.vs["type"] = [False] * schools + [True] * groups
        projected = bipartite.bipartite_projection(types="type", multiplicity=True, which=0)
        return cls(projected)

    def partners(self) -> list[list[int]]:
        return [list(neighbours) for neighbours in self.graph.get_adjlist()]

    def betweenness(self, *, sample: int | None, seed: int) -> tuple[list[float], bool]:
        """Normalised betweenness (0 to 1) over hops, exact or from `sample` random sources
        (scaled by n/sample, an unbiased estimate); and whether it was sampled."""
        n = self.graph.vcount()
        if n < 3:
            return [0.0] * n, False
        sampled = sample is not None and sample < n
        if sampled:
            assert sample is not None
            sources = random.Random(seed).sample(range(n), sample)  # noqa: S311 (sampling)
            raw = self.graph.betweenness(directed=False, sources=sources)
            scale = n / sample
        else:
            raw, scale = self.graph.betweenness(directed=False), 1.0
        pairs = (n - 1) * (n - 2) / 2
        return [value * scale / pairs for value in raw], sampled

    def communities(self, *, seed: int) -> list[int]:
        """Leiden communities maximising modularity, weighted by groups shared; igraph draws
        its random numbers from Python's random module, seeded here for repeatable results."""
        if self.graph.ecount() == 0:
            return list(range(self.graph.vcount()))
        state = random.getstate()
        random.seed(seed)
        try:
            found = self.graph.community_leiden(
                objective_function="modularity", weights="weight", n_iterations=-1
            )
        finally:
            random.setstate(state)
        return list(found.membership)


def agreement(first: Sequence[int], second: Sequence[int]) -> float:
    """Normalised mutual information of two partitions: 1 when they are the same."""
    if len(first) < 2:
        return 1.0
    return float(ig.compare_communities(list(first), list(second), method="nmi"))
