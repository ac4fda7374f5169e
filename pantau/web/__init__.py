"""The web UI for Bawaslu staff: server-rendered pages (Jinja2), no JavaScript needed."""

from pantau.web.routes import router

__all__ = ["router"]
