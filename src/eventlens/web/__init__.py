"""The web app and JSON API over the event store (`eventlens serve`)."""

from eventlens.web.app import create_app, serve

__all__ = ["create_app", "serve"]
