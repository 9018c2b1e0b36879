"""Finding and removing a person's name and email in stored text and JSON."""

from hypothesis import given
from hypothesis import strategies as st

from schoolweave.core.people import mentions, needles, scrub

ZOE = needles(["Zoë O'Brien", "zoe.obrien@sandwell.gov.uk", "Zo", ""])


def test_needles_are_distinct_long_enough_and_longest_first() -> None:
    assert ZOE == ("zoe.obrien@sandwell.gov.uk", "Zoë O'Brien")


def test_it_finds_whole_words_in_any_case_only() -> None:
    assert mentions("Led by ZOË O'BRIEN since 2019", ZOE)
    assert mentions({"after": {"contacts": ["zoe.obrien@sandwell.gov.uk"]}}, ZOE)
    assert not mentions("Zoë O'Briens Academy", ZOE)
    assert not mentions({"count": 3, "none": None}, ZOE)


def test_it_replaces_in_strings_and_json_keys_and_values() -> None:
    value = {"Zoë O'Brien": ["wrote to zoe.obrien@sandwell.gov.uk", 2, None]}
    assert scrub(value, ZOE, "erased person #7") == {
        "erased person #7": ["wrote to erased person #7", 2, None]
    }
    assert scrub("nothing here", (), "x") == "nothing here"


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEF0123456789", min_size=4, max_size=8)
texts = st.lists(st.one_of(words, st.sampled_from([" ", ", ", "\n", "."])), max_size=20).map(
    "".join
)
json_values = st.recursive(
    st.one_of(st.none(), st.integers(), texts),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=4)),
    max_leaves=12,
)


@given(value=json_values, names=st.lists(words, min_size=1, max_size=3))
def test_nothing_of_them_is_left_after_scrubbing(value: object, names: list[str]) -> None:
    identifying = needles(names)
    replacement = "[erased]"
    if any(mentions(replacement, (needle,)) for needle in identifying):
        return
    assert not mentions(scrub(value, identifying, replacement), identifying)
