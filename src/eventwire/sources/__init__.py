"""Sources: turn what the user names (paths, directories, ``-``) into a stream of raw documents.

Every input yields RawDocuments or Rejections; one bad input never stops the others.
"""

from eventwire.sources.files import SUFFIXES, read_inputs

__all__ = ["SUFFIXES", "read_inputs"]
