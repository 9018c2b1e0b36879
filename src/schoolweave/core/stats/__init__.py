"""Statistics for Schoolweave's figures: disclosure control, intervals. Pure Python."""
