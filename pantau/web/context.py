"""What the page being rendered knows of its request: the signed-in user, the CSRF token.

Set by the middleware (auth.py, csrf.py) and read by the templates, so a route renders a
page without handing either through; contextvars follow the request into the threadpool.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.accounts import User

USER: ContextVar[User | None] = ContextVar("pantau_user", default=None)
CSRF_TOKEN: ContextVar[str] = ContextVar("pantau_csrf_token", default="")


def current_user() -> User | None:
    return USER.get()


def csrf_token() -> str:
    return CSRF_TOKEN.get()
