"""The HTTP API and web page: ``create_app(store_url, token=None)`` returns the FastAPI app."""

from eventwire.api.app import create_app

__all__ = ["create_app"]
