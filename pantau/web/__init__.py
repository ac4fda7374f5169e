"""The web UI for Bawaslu staff: server-rendered pages (Jinja2), no JavaScript needed."""

from fastapi import FastAPI

from alerts.api import caller_name
from alerts.api import caller_scope as alerts_scope
from pantau.config import WebSettings
from pantau.web import docs, downloads, login, security
from pantau.web.auth import Authenticate, caller_scope, username
from pantau.web.csrf import CsrfCheck
from pantau.web.errors import install as install_error_pages
from pantau.web.routes import router
from pantau.web.scope import scoped_backend
from search.api import get_backend, get_export_hook
from store.accounts import Accounts

__all__ = ["install_error_pages", "install_security", "router"]


def install_security(app: FastAPI, web: WebSettings, accounts: Accounts) -> None:
    """Sign-in, CSRF, office scope, offline API docs and the hardening middleware (call
    after every router is added). Every route behind it needs a user; every search and
    alert query it answers is scoped to the user's office; every download is audited."""
    docs.install(app)
    app.include_router(login.router(accounts, web))
    app.dependency_overrides[get_backend] = scoped_backend
    app.dependency_overrides[get_export_hook] = downloads.audit_hook(accounts)
    app.dependency_overrides[alerts_scope] = caller_scope
    app.dependency_overrides[caller_name] = username
    app.add_middleware(Authenticate, accounts=accounts)  # innermost: runs last
    app.add_middleware(CsrfCheck, https=web.https)
    security.install(app, web)
