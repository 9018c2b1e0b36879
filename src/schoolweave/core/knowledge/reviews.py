"""Self-reviews (a network against the five challenges, an LA against the five brokerage
roles): how a review differs from the last, and where networks say they struggle."""

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean

from schoolweave.core.knowledge.vocabulary import Rating

Ratings = Mapping[str, Rating]  # question key -> rating


@dataclass(frozen=True)
class Section:
    key: str
    questions: tuple[str, ...]  # question keys


def change(current: Rating | None, previous: Rating | None) -> int | None:
    """+1 better than last time, -1 worse, 0 the same; None when either is missing."""
    if current is None or previous is None:
        return None
    difference = current.points - previous.points
    return (difference > 0) - (difference < 0)


def changes(current: Ratings, previous: Ratings | None) -> dict[str, int | None]:
    return {key: change(rating, (previous or {}).get(key)) for key, rating in current.items()}


@dataclass(frozen=True)
class SectionSummary:
    key: str
    reviewed: int  # subjects (networks) that rated at least one of its questions
    struggling: int  # ... and rated at least one of them struggling or not started
    mean: float | None  # mean rating points (1 to 4) over every answer
    hardest: tuple[str, ...]  # question keys most often rated a struggle, most first (ties: order)

    @property
    def share(self) -> float:
        return self.struggling / self.reviewed if self.reviewed else 0.0


def struggles(
    *, latest: Mapping[Hashable, Ratings], sections: Sequence[Section], top: int = 1
) -> tuple[SectionSummary, ...]:
    """For each section (challenge), from each subject's latest review: how many rated it, how
    many say they struggle with it, and the questions they struggle with most."""
    summaries = []
    for section in sections:
        wanted = set(section.questions)
        reviewed = struggling = 0
        points: list[int] = []
        counts: Counter[str] = Counter()
        for ratings in latest.values():
            mine = {k: r for k, r in ratings.items() if k in wanted}
            if not mine:
                continue
            reviewed += 1
            points += [r.points for r in mine.values()]
            hard = [k for k, r in mine.items() if r.is_struggle]
            struggling += bool(hard)
            counts.update(hard)
        order = {k: i for i, k in enumerate(section.questions)}
        hardest = sorted(counts, key=lambda k: (-counts[k], order[k]))[:top]
        summaries.append(
            SectionSummary(
                section.key, reviewed, struggling, fmean(points) if points else None, tuple(hardest)
            )
        )
    return tuple(summaries)
