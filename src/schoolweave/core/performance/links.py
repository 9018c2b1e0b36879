"""GIAS establishment links: following a school across a change of URN.

When a school converts to an academy (or changes trust, or re-opens after a merger) GIAS
closes its URN and opens a new one, linking the two: the old URN's row lists the new one as
its "Successor", the new one's lists the old as its "Predecessor". A school's figures before
conversion are published under the old URN, so its history is the chain of such links.

Only one-to-one links of the plain types make a chain. A merger, amalgamation or split
("Predecessor - merged", "Successor - Split School"...) makes a different school: it is
listed as related, never folded into the history.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from schoolweave.core.performance.files import LINKS
from schoolweave.core.performance.parse import (
    PerformanceFileError,
    _Reader,
    detect_format,
    read_header,
    read_strings,
)

PREDECESSOR, SUCCESSOR = "Predecessor", "Successor"
MAX_CHAIN = 20  # a school converts a few times at most; a longer chain is a loop in the file
# The longest link name and type the register keeps (evidence.models.EstablishmentLink); GIAS's
# are far shorter, so a longer one is a damaged file.
LINK_NAME_LENGTH, LINK_TYPE_LENGTH = 200, 100


@dataclass(frozen=True)
class Link:
    urn: int
    linked_urn: int
    link_type: str  # GIAS's words: "Predecessor", "Successor - merged"...
    linked_name: str = ""
    established: date | None = None


@dataclass(frozen=True)
class ParsedLinks:
    path: Path
    sha256: str
    rows: int
    table: pa.Table  # urn, linked_urn, link_type, linked_name, established


def _reject_longer(reader: _Reader, text: pa.ChunkedArray, header: str, limit: int) -> None:
    reader.reject(
        pc.greater(pc.utf8_length(text), limit),
        header,
        f"is longer than the {limit} characters the register keeps",
    )


def parse_links(path: Path, *, encoding: str | None = None) -> ParsedLinks:
    source, header = read_header(path, encoding=encoding)
    detect_format(path, header, LINKS.kind)
    used = {"URN", "LinkURN", "LinkName", "LinkType", "LinkEstablishedDate"} & set(header)
    table = read_strings(source, header, used)
    if table.num_rows == 0:
        raise PerformanceFileError(str(path), "the file has a header but no rows")
    reader = _Reader(source, LINKS, table)
    columns: dict[str, pa.ChunkedArray] = {}
    for header_name, field in (("URN", "urn"), ("LinkURN", "linked_urn")):
        text = reader.text(header_name)
        reader.reject(
            pc.invert(pc.match_substring_regex(text, r"^\d{1,9}$")),
            header_name,
            "is not a URN (a whole number)",
        )
        columns[field] = pc.cast(text, pa.int64())
    link_type = reader.text("LinkType")
    reader.reject(pc.equal(link_type, ""), "LinkType", "is missing: every link needs a type")
    _reject_longer(reader, link_type, "LinkType", LINK_TYPE_LENGTH)
    columns["link_type"] = link_type
    length = table.num_rows
    columns["linked_name"] = (
        reader.text("LinkName") if "LinkName" in used else pa.chunked_array([pa.repeat("", length)])
    )
    _reject_longer(reader, columns["linked_name"], "LinkName", LINK_NAME_LENGTH)
    columns["established"] = (
        reader.dates("LinkEstablishedDate")
        if "LinkEstablishedDate" in used
        else pa.chunked_array([pa.nulls(length, pa.date32())])
    )
    return ParsedLinks(path, source.sha256, length, pa.table(columns))


@dataclass(frozen=True)
class Lineage:
    """Which URNs are the same school over time."""

    predecessors: Mapping[int, tuple[int, ...]]  # urn -> earlier URNs, nearest first
    successor: Mapping[int, int]  # urn -> the URN it became

    def history(self, urn: int) -> tuple[int, ...]:
        """The school's URNs, itself first, then each earlier one."""
        return (urn, *self.predecessors.get(urn, ()))

    def current(self, urn: int) -> int:
        seen = 0
        while urn in self.successor and seen < MAX_CHAIN:
            urn, seen = self.successor[urn], seen + 1
        return urn


def lineage(links: Iterable[Link]) -> Lineage:
    """Chains of one-to-one Predecessor/Successor links (see the module's docstring)."""
    edges: set[tuple[int, int]] = set()  # (earlier, later)
    for link in links:
        if link.link_type == SUCCESSOR:
            edges.add((link.urn, link.linked_urn))
        elif link.link_type == PREDECESSOR:
            edges.add((link.linked_urn, link.urn))
    later_of: dict[int, set[int]] = defaultdict(set)
    earlier_of: dict[int, set[int]] = defaultdict(set)
    for earlier, later in edges:
        if earlier != later:
            later_of[earlier].add(later)
            earlier_of[later].add(earlier)
    successor = {
        earlier: next(iter(laters))
        for earlier, laters in later_of.items()
        if len(laters) == 1 and len(earlier_of[next(iter(laters))]) == 1
    }
    predecessor = {later: earlier for earlier, later in successor.items()}
    chains: dict[int, tuple[int, ...]] = {}
    for urn in predecessor:
        chain: list[int] = []
        current = urn
        while current in predecessor and len(chain) < MAX_CHAIN:
            current = predecessor[current]
            if current == urn or current in chain:
                break  # a loop in the file
            chain.append(current)
        chains[urn] = tuple(chain)
    return Lineage(predecessors=chains, successor=successor)


def links_from_table(table: pa.Table) -> list[Link]:
    return [
        Link(urn, linked, kind, name or "", established)
        for urn, linked, kind, name, established in zip(
            table["urn"].to_pylist(),
            table["linked_urn"].to_pylist(),
            table["link_type"].to_pylist(),
            table["linked_name"].to_pylist(),
            table["established"].to_pylist(),
            strict=True,
        )
    ]
