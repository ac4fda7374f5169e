"""The Laporan page and the report API: one office's daily or weekly report, HTML or PDF.

Every route names the office explicitly and hands it to `make_report`; scoping by the
signed-in user's office is one check where marked (`# scope:`).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse

from alerts.offices import OfficeDirectory
from alerts.store import AlertStore
from pantau.report import render
from pantau.report.model import Report
from pantau.report.office import OfficeError, find_office
from pantau.report.period import Kind
from pantau.report.service import file_stem, make_report
from pantau.web.auth import caller_scope
from search.api import Backend
from search.backend import BackendError, SearchBackend
from search.calendar import Calendar
from store.offices import Scope, in_scope

log = logging.getLogger(__name__)
DOWN = "Indeks pencarian sedang tidak dapat dihubungi. Coba lagi beberapa saat lagi."
DateParam = Annotated[str, Query(alias="date")]
CSS_PATH = "/static/report.css"
KIND_NAMES = {"daily": "Harian (kliping)", "weekly": "Mingguan (Senin-Minggu)"}


class ReportInputError(ValueError):
    """A form value that cannot be used; the message is Indonesian, for the page."""


class OutOfScope(OfficeError):
    """An office the signed-in user may not read (403): not theirs nor beneath it."""


CallerScope = Annotated[Scope, Depends(caller_scope)]


def _inputs(office: str, kind: str, day: str) -> tuple[str, Kind, date | None]:
    if kind not in KIND_NAMES:
        raise ReportInputError("Jenis laporan harus harian atau mingguan.")
    try:
        when = date.fromisoformat(day) if day.strip() else None
    except ValueError as exc:
        raise ReportInputError(
            f"Tanggal {day[:20]!r} tidak dapat dibaca: pakai TTTT-BB-HH."
        ) from exc
    return office.strip(), kind, when  # type: ignore[return-value]


def router(store: AlertStore, calendar: Calendar | None = None) -> APIRouter:
    """GET /laporan (page), /laporan.pdf and /api/reports/{kind}."""
    web = APIRouter()

    @web.get(CSS_PATH, include_in_schema=False)
    def stylesheet() -> Response:
        return Response(
            render.stylesheet(),
            media_type="text/css",
            headers={"Cache-Control": "max-age=3600"},
        )

    def build(
        backend: SearchBackend, office: str, kind: Kind, day: date | None, scope: Scope
    ) -> Report:
        found = find_office(office)
        if not in_scope(found.region_code, scope):  # checked on the server, not the form
            raise OutOfScope(f"{found.name} berada di luar wilayah kantor Anda.")
        return make_report(backend, store, found, kind, day, calendar=calendar)

    def attempt(
        backend: SearchBackend, office: str, kind: str, day: str, scope: Scope
    ) -> Report | HTMLResponse:
        """The report, or the form again with the reason (400 bad input, 403 another
        office's report, 503 engine down)."""
        context = _form(office, kind, day, scope)
        try:
            return build(backend, *_inputs(office, kind, day), scope)
        except OutOfScope as exc:
            return HTMLResponse(render.web_page(None, {**context, "error": str(exc)}), 403)
        except (ReportInputError, OfficeError) as exc:
            return HTMLResponse(render.web_page(None, {**context, "error": str(exc)}), 400)
        except BackendError as exc:
            log.warning("search backend error: %s", exc)
            return HTMLResponse(render.web_page(None, {**context, "error": DOWN}), 503)

    @web.get("/laporan", include_in_schema=False, response_class=HTMLResponse)
    def page(
        request: Request,
        backend: Backend,
        scope: CallerScope,
        office: str = "",
        kind: str = "daily",
        day: DateParam = "",
    ) -> HTMLResponse:
        if not office.strip():
            return HTMLResponse(render.web_page(None, _form(office, kind, day, scope)))
        report = attempt(backend, office, kind, day, scope)
        if isinstance(report, HTMLResponse):
            return report
        link = f"/laporan.pdf?{request.query_params}"
        context = {**_form(office, kind, day, scope), "pdf_link": link}
        return HTMLResponse(render.web_page(report, context))

    @web.get("/laporan.pdf", include_in_schema=False)
    def page_pdf(
        backend: Backend,
        scope: CallerScope,
        office: str = "",
        kind: str = "daily",
        day: DateParam = "",
    ) -> Response:
        report = attempt(backend, office, kind, day, scope)
        return report if isinstance(report, HTMLResponse) else _pdf(report)

    @web.get("/api/reports/{kind}", tags=["reports"], response_model=Report)
    def api(
        kind: Kind,
        backend: Backend,
        scope: CallerScope,
        office: Annotated[str, Query(description="e.g. Bawaslu Kota Jakarta Utara")],
        day: Annotated[
            date | None,
            Query(alias="date", description="YYYY-MM-DD; default yesterday / last week"),
        ] = None,
        format: Annotated[Literal["json", "html", "pdf"], Query()] = "json",
    ) -> Any:
        """One office's daily clipping or weekly report: the data (JSON), the page or
        the PDF. Times are in the office's time zone (WIB, WITA or WIT)."""
        try:
            report = build(backend, office, kind, day, scope)
        except OutOfScope as exc:
            raise HTTPException(403, str(exc)) from exc
        except OfficeError as exc:
            raise HTTPException(400, str(exc)) from exc
        if format == "pdf":
            return _pdf(report)
        if format == "html":
            return HTMLResponse(render.html_page(report, css_href=CSS_PATH))
        return report

    return web


def _pdf(report: Report) -> Response:
    name = f"{file_stem(report)}.pdf"
    return Response(
        render.pdf(report),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _form(office: str, kind: str, day: str, scope: Scope) -> dict[str, Any]:
    return {
        "office": office,
        "kind": kind,
        "day": day,
        "kinds": KIND_NAMES,
        "offices": _office_names(scope),
        "error": None,
        "pdf_link": None,
    }


def _office_names(scope: Scope) -> list[str]:
    """The offices whose reports the caller may read (the form's choice)."""
    directory = OfficeDirectory.bundled()
    return sorted(
        o for code in directory.places if (o := directory.office_of(code)) and in_scope(code, scope)
    )
