"""Reading rendered pages in tests as a user reads them: text, not markup."""

import re
from html import unescape

from django.http import HttpResponse

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:!?)])")


def page_text(response: HttpResponse) -> str:
    """The page's visible text with tags removed and whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL)
    text = _SPACE.sub(" ", unescape(_TAG.sub(" ", html))).strip()
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)
