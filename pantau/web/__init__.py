"""The web UI for Bawaslu staff: server-rendered pages (Jinja2), no JavaScript needed."""

from pantau.web.errors import install as install_error_pages
from pantau.web.routes import router

__all__ = ["install_error_pages", "router"]
