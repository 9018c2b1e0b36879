"""Knowledge exchange and strategy, without Django: the six-approach diagnostic's rules and its
suggestions from the register, the content files' reader, checks on uploaded files, distances
for the expertise search, self-review summaries, and computed strengths as offers of expertise."""
