"""Schoolweave's pure core: plain Python with no Django imports, tested without a database."""
