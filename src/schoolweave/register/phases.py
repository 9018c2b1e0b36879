"""School phases as GIAS names them, in the order people read them, and how a map shows each."""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class PhaseMarker:
    """How the map draws a school of one phase: the CSS modifier (`.sw-marker--<key>`, in
    assets/scss/_map.scss, which holds the colours) and the letter on the marker."""

    key: str
    letter: str
    label: str


_MIDDLE = PhaseMarker("middle", "M", "Middle")
# GIAS phase name -> marker, youngest pupils first: the order of counts, filters and the key.
_MARKERS = {
    "Nursery": PhaseMarker("nursery", "N", "Nursery"),
    "Primary": PhaseMarker("primary", "P", "Primary"),
    "Middle deemed primary": _MIDDLE,
    "Middle deemed secondary": _MIDDLE,
    "Secondary": PhaseMarker("secondary", "S", "Secondary"),
    "All-through": PhaseMarker("all-through", "A", "All-through"),
    "16 plus": PhaseMarker("sixteen-plus", "16", "16 plus"),
}
OTHER_MARKER = PhaseMarker("other", "O", "Other or not applicable")
_ORDER = {name: index for index, name in enumerate(_MARKERS)}


def phase_marker(phase_name: str) -> PhaseMarker:
    return _MARKERS.get(phase_name, OTHER_MARKER)


def phase_sort_key(phase_name: str) -> tuple[int, str]:
    """Known phases youngest first, then any others (such as "Not applicable") by name."""
    return (_ORDER.get(phase_name, len(_ORDER)), phase_name)


def map_key(phase_names: Iterable[str]) -> list[PhaseMarker]:
    """The markers a map of schools in these phases uses, once each, in phase order."""
    markers: list[PhaseMarker] = []
    for name in sorted(set(phase_names), key=phase_sort_key):
        marker = phase_marker(name)
        if marker not in markers:
            markers.append(marker)
    return markers
