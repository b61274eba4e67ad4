"""Geography: a gazetteer compiled from PyPI packages into one SQLite index, and toponym resolution.

``build`` compiles the index (``eventwire gazetteer build``); ``Gazetteer`` looks names up in it;
``resolve`` picks, for each place mention in an article, the candidate the story means.
"""
