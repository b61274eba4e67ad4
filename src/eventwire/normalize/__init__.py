"""Normalisation of what text says into values: dates and intervals, numbers, ranges and money."""
