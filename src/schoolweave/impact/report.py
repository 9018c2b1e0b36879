"""An evaluation in words and numbers: the command's text, the CSV download, and the values
the page and the printable report show. Every number comes from the core's `ImpactResult`."""

from collections.abc import Iterator
from typing import Any

from schoolweave.core.impact.result import BalanceRow, ImpactResult, NaiveFigures
from schoolweave.core.performance.measures import Measure, Unit
from schoolweave.impact.selectors import year_words
from schoolweave.impact.services import Evaluation

MAX_PADLOCKS = 5
ILLUSTRATIVE = (
    "Illustrative: some of these networks were made up for the demonstration. The schools and "
    "their figures are real; their membership of the networks is not."
)


def number(value: float | None, measure: Measure, *, signed: bool = False) -> str:
    """A value in the measure's unit: +1.23 for scores and differences, 45.6% for shares."""
    if value is None:
        return "not available"
    sign = "+" if signed else ""
    if measure.unit is Unit.PERCENT:
        return f"{value:{sign}.1f} percentage points" if signed else f"{value:.1f}%"
    return f"{value:{sign}.2f}"


def percent(value: float | None) -> str:
    return "not available" if value is None else f"{value:.0f}%"


def smd(value: float | None) -> str:
    return "" if value is None else f"{value:+.2f}"


def padlocks(rating: int | None) -> str:
    if rating is None:
        return "No rating"
    return f"{rating} out of {MAX_PADLOCKS} padlocks"


def ci_words(result: ImpactResult, measure: Measure) -> str:
    if result.ci_low is None or result.ci_high is None:
        return "not available"
    low = number(result.ci_low, measure, signed=True)
    high = number(result.ci_high, measure, signed=True)
    return f"{low} to {high}"


def text_report(evaluation: Evaluation) -> str:
    """What `schoolweave impact` prints by default: a readable summary."""
    return "\n".join(_text_lines(evaluation)) + "\n"


def _text_lines(evaluation: Evaluation) -> Iterator[str]:
    result, measure = evaluation.result, evaluation.measure
    yield f"Impact of {evaluation.cohort.label} on {measure.label}"
    yield (
        f"Start year {evaluation.start_year} ({year_words(evaluation.start_year)}): results "
        f"before {', '.join(map(str, result.pre_years)) or 'none'}; "
        f"after {', '.join(map(str, result.post_years)) or 'none'}"
    )
    if evaluation.cohort.illustrative:
        yield ILLUSTRATIVE
    if result.method:
        yield f"Design: {result.method}"
    yield (
        f"Schools: {result.n_cohort_listed} listed, {result.n_cohort} with figures before and "
        f"after; {result.n_comparison} matched comparison schools from "
        f"{evaluation.pool_schools} schools in no network"
    )
    yield ""
    if result.suppressed:
        yield f"No estimate: {result.suppressed}"
    else:
        yield (
            f"Estimate (difference-in-differences): {number(result.estimate, measure, signed=True)}"
            f", 95% confidence interval {ci_words(result, measure)}"
        )
        if result.effect_size is not None:
            yield f"Effect size: {result.effect_size:+.2f} ({result.effect_size_basis})"
    yield f"Evidence rating: {padlocks(result.rating)}"
    for deduction in result.deductions:
        yield f"  - {deduction.padlocks} fewer: {deduction.reason}"
    yield ""
    yield 'The naive figures ("% of schools improved"), beside the comparison group:'
    widths: tuple[int, ...] = (12, 9, 16, 24)
    yield _columns(("", "schools", "improved", "improved by over 15%"), widths)
    for label, naive in (("members", result.naive_cohort), ("comparison", result.naive_comparison)):
        cells = (str(naive.schools), percent(naive.improved_pct), percent(naive.improved_15pct))
        yield _columns((label, *cells), widths)
    if result.balance:
        yield ""
        yield (
            "Balance (standardised mean differences, SMD: within +/-0.1 is close, beyond "
            "+/-0.25 the groups differ in a way that matters):"
        )
        first = max(len("characteristic"), *(len(row.label) for row in result.balance)) + 2
        widths = (first, 10, 12, 14, 12, 11)
        yield _columns(
            ("characteristic", "members", "comparison", "all eligible", "SMD before", "SMD after"),
            widths,
        )
        for row in result.balance:
            yield _columns(_balance_cells(row), widths)
    if result.years:
        yield ""
        yield "Mean by year (members / matched comparison):"
        for year in result.years:
            tense = "after" if year.year >= evaluation.start_year else "before"
            shown = year.suppressed or (
                f"{_plain(year.cohort_mean, measure)} ({year.cohort_schools} schools) / "
                f"{_plain(year.comparison_mean, measure)} ({year.comparison_schools} schools)"
            )
            yield f"  {year.year} ({tense}): {shown}"
    if result.attrition:
        yield ""
        yield "Schools lost to the evaluation:"
        for urn, why in result.attrition:
            yield f"  - {evaluation.names.get(urn, urn)} ({urn}): {why}"
    for urn, successor in sorted(evaluation.followed.items()):
        yield f"Followed: {urn} continued as URN {successor}; its figures are counted."
    if result.warnings:
        yield ""
        yield "Warnings:"
        for warning in result.warnings:
            yield f"  - {warning}"
    yield ""
    yield "In words:"
    yield result.summary


def _columns(cells: tuple[str, ...], widths: tuple[int, ...]) -> str:
    first, *rest = cells
    cells_right = (c.rjust(w) for c, w in zip(rest, widths[1:], strict=True))
    return "  " + first.ljust(widths[0]) + "".join(cells_right)


def _plain(value: float | None, measure: Measure) -> str:
    if value is None:
        return "not published"
    return f"{value:.1f}%" if measure.unit is Unit.PERCENT else f"{value:.2f}"


def _mean(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _balance_cells(row: BalanceRow) -> tuple[str, ...]:
    return (
        row.label,
        _mean(row.cohort_mean),
        _mean(row.comparison_mean),
        _mean(row.pool_mean),
        smd(row.smd_before),
        smd(row.smd_after),
    )


CSV_COLUMNS = (
    "section",
    "item",
    "year",
    "urn",
    "name",
    "members",
    "comparison",
    "all_eligible",
    "smd_before",
    "smd_after",
    "value",
    "note",
)


def csv_rows(evaluation: Evaluation) -> list[dict[str, Any]]:
    """The summary, the naive figures, balance, the years and the matched schools, one table:
    `section` says which each row is."""
    result = evaluation.result
    rows = [_row("summary", name, value=value) for name, value in _summary(evaluation)]
    if result.suppressed:
        rows.append(_row("summary", "suppressed", note=result.suppressed))
    for deduction in result.deductions:
        rows.append(_row("rating", "deduction", value=deduction.padlocks, note=deduction.reason))
    for label, naive in (("members", result.naive_cohort), ("comparison", result.naive_comparison)):
        rows += _naive_rows(label, naive)
    for row in result.balance:
        rows.append(
            _row(
                "balance",
                row.label,
                members=_round(row.cohort_mean),
                comparison=_round(row.comparison_mean),
                all_eligible=_round(row.pool_mean),
                smd_before=_round(row.smd_before),
                smd_after=_round(row.smd_after),
            )
        )
    for year in result.years:
        rows.append(
            _row(
                "year",
                "after" if year.year >= evaluation.start_year else "before",
                year=year.year,
                members=_round(year.cohort_mean),
                comparison=_round(year.comparison_mean),
                value=f"{year.cohort_schools}/{year.comparison_schools} schools",
                note=year.suppressed or "",
            )
        )
    for member, comparison in result.matched_pairs:
        rows.append(
            _row(
                "matched",
                str(member),
                urn=comparison,
                name=evaluation.names.get(comparison, ""),
                note=f"matched to {evaluation.names.get(member, member)}",
            )
        )
    for urn, why in result.attrition:
        rows.append(
            _row("attrition", "lost", urn=urn, name=evaluation.names.get(urn, ""), note=why)
        )
    rows += [_row("warning", "warning", note=w) for w in result.warnings]
    rows.append(_row("summary", "in words", note=result.summary))
    return rows


def _summary(evaluation: Evaluation) -> list[tuple[str, Any]]:
    result = evaluation.result
    return [
        ("cohort", evaluation.cohort.label),
        ("illustrative", evaluation.cohort.illustrative),
        ("measure", evaluation.measure.name),
        ("start_year", evaluation.start_year),
        ("estimate", _round(result.estimate)),
        ("ci_low", _round(result.ci_low)),
        ("ci_high", _round(result.ci_high)),
        ("effect_size", _round(result.effect_size)),
        ("rating", result.rating),
        ("n_cohort_listed", result.n_cohort_listed),
        ("n_cohort", result.n_cohort),
        ("n_comparison", result.n_comparison),
    ]


def _naive_rows(label: str, naive: NaiveFigures) -> list[dict[str, Any]]:
    return [
        _row("naive", f"{label}: schools", value=naive.schools),
        _row("naive", f"{label}: improved (%)", value=_round(naive.improved_pct)),
        _row("naive", f"{label}: improved by over 15% (%)", value=_round(naive.improved_15pct)),
    ]


def _row(section: str, item: str, **cells: Any) -> dict[str, Any]:
    return {column: cells.get(column) for column in CSV_COLUMNS} | {
        "section": section,
        "item": item,
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
