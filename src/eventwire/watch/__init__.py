"""Watching sources continuously: feeds, pages, sitemaps and folders read again and again, their new articles
stored through the same readers, pipeline and writer as ``ingest``.

``state`` keeps what is due and what was read in the store; ``polite`` fetches as a guest (robots.txt, one
request at a time per host with a delay, conditional GETs); ``alerts`` tells when a happening of interest
appears or grows; ``loop`` runs the cycles.
"""

from eventwire.watch.loop import Watcher, WatchSource, read_source_list

__all__ = ["WatchSource", "Watcher", "read_source_list"]
