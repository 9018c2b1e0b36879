"""The knowledge pages' words, from the YAML files in knowledge/content/ (which an LA may
adapt; see the comments at the top of each file). Read once per process and checked."""

from functools import cache
from pathlib import Path

from schoolweave.core.knowledge.content import Content, load_content

CONTENT_DIR = Path(__file__).resolve().parent / "content"


@cache
def texts() -> Content:
    return load_content(CONTENT_DIR)
