"""One reader per input format, on one base (``base.Reader``); ``sources.registry`` chooses among them."""
