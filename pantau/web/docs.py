"""API documentation served offline: Swagger UI and ReDoc from the fastapi-offline package.

FastAPI's own /docs and /redoc load their scripts from a CDN and start Swagger UI with an
inline script; these pages load a pinned, packaged copy from this server and start it
from a file, so they work without internet and under the CSP of pantau/web/security.py.
"""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter, FastAPI, Response
from fastapi.responses import HTMLResponse
from starlette.staticfiles import StaticFiles

ASSETS = "/static/docs"
INIT = (resources.files("pantau.web") / "static" / "swagger-init.js").read_text("utf-8")
SWAGGER = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>pantau API</title>
<link rel="stylesheet" href="{ASSETS}/swagger-ui.css">
<link rel="icon" href="{ASSETS}/favicon.png"></head>
<body><div id="swagger-ui"></div>
<script src="{ASSETS}/swagger-ui-bundle.js"></script>
<script src="{ASSETS}/swagger-init.js"></script></body></html>
"""
REDOC = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>pantau API</title>
<link rel="icon" href="{ASSETS}/favicon.png"></head>
<body><redoc spec-url="/openapi.json"></redoc>
<script src="{ASSETS}/redoc.standalone.js"></script></body></html>
"""


def install(app: FastAPI) -> None:
    """/docs and /redoc (the app is made with docs_url=None, redoc_url=None)."""
    docs = APIRouter(include_in_schema=False)

    @docs.get("/docs")
    def swagger() -> HTMLResponse:
        return HTMLResponse(SWAGGER)

    @docs.get("/redoc")
    def redoc() -> HTMLResponse:
        return HTMLResponse(REDOC)

    @docs.get(f"{ASSETS}/swagger-init.js")
    def swagger_init() -> Response:
        return Response(INIT, media_type="text/javascript")

    app.include_router(docs)
    app.mount(ASSETS, StaticFiles(packages=[("fastapi_offline", "static")]), name="docs-assets")
