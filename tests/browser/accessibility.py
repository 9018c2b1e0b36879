"""Offline accessibility checks on a page in the browser.

axe-core (an npm devDependency) runs its WCAG 2.2 A and AA rules. Our own checks add what axe
leaves to people: one h1 and no skipped heading levels, and the colours of map markers, which
axe cannot see inside Leaflet's layers.
"""

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# WCAG 2.5.8's "essential" exception covers pins on a map: where a school is, is the information,
# so crowded markers may sit closer than 24px apart. Every marked school is also a link in the
# table beside the map (the "equivalent" exception), so this rule is not applied to markers.
_MAP_MARKER = ".leaflet-marker-icon"
_RGB = re.compile(r"rgba?\((\d+),\s*(\d+),\s*(\d+)")

_STRUCTURE = """() => {
  const problems = [];
  const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
    .filter((h) => h.getClientRects().length);
  const h1s = headings.filter((h) => h.tagName === "H1");
  if (h1s.length !== 1) problems.push(`${h1s.length} h1 elements`);
  let previous = 0;
  for (const heading of headings) {
    const level = Number(heading.tagName[1]);
    if (previous && level > previous + 1) {
      problems.push(`h${level} "${heading.textContent.trim()}" follows h${previous}`);
    }
    previous = level;
  }
  for (const selector of ["header", "main", "footer", "nav"]) {
    if (!document.querySelector(selector)) problems.push(`no <${selector}>`);
  }
  for (const field of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
    const label = field.id && document.querySelector(`label[for="${field.id}"]`);
    if (!label && !field.getAttribute("aria-label")) problems.push(`unlabelled ${field.name}`);
  }
  if (!document.documentElement.lang) problems.push("no lang on <html>");
  return problems;
}"""

_MARKER_COLOURS = """() => [...document.querySelectorAll(".sw-marker")].map((marker) => {
  const style = getComputedStyle(marker);
  return [marker.className, style.color, style.backgroundColor, style.borderTopColor];
})"""


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's WCAG A/AA violations on the page, as (rule, impact, first targets)."""
    # Evaluated rather than added as a <script>: the site's CSP allows no inline script.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    violations = []
    for violation in result["violations"]:
        nodes = [node for node in violation["nodes"] if not _is_map_marker_target(violation, node)]
        if nodes:
            violations.append(
                {
                    "rule": violation["id"],
                    "impact": violation["impact"],
                    "targets": [node["target"] for node in nodes[:3]],
                    "summary": nodes[0].get("failureSummary", ""),
                }
            )
    return violations


def _is_map_marker_target(violation: dict[str, Any], node: dict[str, Any]) -> bool:
    return violation["id"] == "target-size" and _MAP_MARKER.strip(".") in node["html"]


def structure_problems(page: Page) -> list[str]:
    problems: list[str] = page.evaluate(_STRUCTURE)
    return problems


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two CSS rgb() colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def marker_contrast_problems(page: Page) -> list[str]:
    """Markers whose letter is under 4.5:1 on their fill, or whose ring is under 3:1 against
    the white halo that separates them from the map (WCAG 1.4.3 and 1.4.11)."""
    problems = []
    for classes, text, fill, ring in page.evaluate(_MARKER_COLOURS):
        if contrast_ratio(text, fill) < 4.5:
            problems.append(f"{classes}: letter {text} on {fill}")
        if contrast_ratio(ring, "rgb(255, 255, 255)") < 3:
            problems.append(f"{classes}: ring {ring}")
    return problems


def _luminance(colour: str) -> float:
    match = _RGB.match(colour)
    assert match, f"not an rgb() colour: {colour}"
    channels = [int(value) / 255 for value in match.groups()]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def check_page(page: Page, screenshots: Path, name: str) -> None:
    """Screenshot the page, then check its structure and run axe-core's WCAG rules."""
    page.screenshot(path=screenshots / f"{name}.png", full_page=True)
    assert structure_problems(page) == []
    assert axe_violations(page) == []
