"""Numbers people type into a search box or a filter: URNs, group UIDs, record ids."""

URN_DIGITS = 9  # URNs and group UIDs: more digits would overflow their columns
ID_DIGITS = 18  # database ids: 64-bit integers


def typed_number(text: str, *, max_digits: int) -> int | None:
    """The whole number `text` is, when it can be one: ASCII digits only (str.isdigit() is
    true of "²" too, which int() refuses) and no more than `max_digits` of them, so the
    database can compare it."""
    if text.isascii() and text.isdigit() and len(text) <= max_digits:
        return int(text)
    return None
