"""Per-language data: word lists, label names and trigger tables, one folder per language (``lang/en``).

The annotators read their words from here, never from lists of their own, so that a second language is a
folder beside ``en/`` with the same names.
"""
