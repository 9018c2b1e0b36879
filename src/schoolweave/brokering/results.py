"""A proposal as JSON and CSV rows: what `schoolweave broker` prints and a round stores."""

from collections.abc import Mapping
from typing import Any

from schoolweave.core.broker import Group, Proposal

CSV_COLUMNS = ("group", "urn", "name", "role", "focus", "group_score", "reasons")


def proposal_json(proposal: Proposal, names: Mapping[int, str]) -> dict[str, Any]:
    return {
        "shape": proposal.shape.value,
        "status": proposal.status,
        "objective": proposal.objective,
        "bound": proposal.bound,
        "gap": round(proposal.gap, 6),
        "greedy_objective": proposal.greedy_objective,
        "seconds": proposal.seconds,
        "placed_willing": _placed(proposal.groups),
        "unplaced_willing": [
            {"urn": urn, "name": names.get(urn, ""), "reason": proposal.unplaced_reasons[urn]}
            for urn in proposal.unplaced_willing
        ],
        "greedy_unplaced_willing": len(proposal.greedy_unplaced_willing),
        "groups": [_group(g, names) for g in proposal.groups],
    }


def _group(group: Group, names: Mapping[int, str]) -> dict[str, Any]:
    return {
        "members": [
            {"urn": m.urn, "role": m.role.value, "name": names.get(m.urn, "")}
            for m in group.members
        ],
        "score": round(group.score.total, 3),
        "score_parts": {
            "complementarity": round(group.score.complementarity, 3),
            "context": round(group.score.context, 3),
            "distance": round(group.score.distance, 3),
            "fairness": round(group.score.fairness, 3),
        },
        "focus": group.focus,
        "reasons": list(group.reasons),
    }


def _placed(groups: tuple[Group, ...]) -> int:
    return sum(len(g.members) for g in groups)


def csv_rows(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A row per placed school, from proposal_json's result."""
    return [
        {
            "group": number,
            "urn": member["urn"],
            "name": member["name"],
            "role": member["role"],
            "focus": group["focus"] or "",
            "group_score": group["score"],
            "reasons": " / ".join(group["reasons"]),
        }
        for number, group in enumerate(result["groups"], start=1)
        for member in group["members"]
    ]
