"""Informal school networks: their vocabulary and the membership spreadsheet."""
