"""The web UI for Bawaslu staff: server-rendered pages (Jinja2), no JavaScript needed."""

from fastapi import FastAPI

from pantau.config import WebSettings
from pantau.web import docs, security
from pantau.web.errors import install as install_error_pages
from pantau.web.routes import router

__all__ = ["install_error_pages", "install_security", "router"]


def install_security(app: FastAPI, web: WebSettings) -> None:
    """Offline API docs and the hardening middleware (after every router is added)."""
    docs.install(app)
    security.install(app, web)
