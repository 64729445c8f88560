"""Jilin's administrative divisions and their names in each language."""
