"""Pages of the knowledge app."""
