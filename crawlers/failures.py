"""Map download exceptions (Scrapy's and Twisted's) to short, stable failure reasons."""

from __future__ import annotations

from scrapy.http import Response, TextResponse

from crawlers.parsers.html import clean_text, looks_blocked

# By class name, so the mapping survives Scrapy moving between Twisted and its own
# exception types (2.13+ wraps many of them) without importing private modules.
_REASONS_BY_NAME: dict[str, str] = {
    "DNSLookupError": "dns",
    "CannotResolveHostError": "dns",
    "ConnectionRefusedError": "connection_refused",
    "DownloadConnectionRefusedError": "connection_refused",
    "TimeoutError": "timeout",
    "TCPTimedOutError": "timeout",
    "UserTimeoutError": "timeout",
    "DownloadTimeoutError": "timeout",
    "ConnectionLost": "connection_lost",
    "ConnectionDone": "connection_lost",
    "ConnectionResetError": "connection_lost",
    "ResponseFailed": "connection_lost",
    "ResponseNeverReceived": "connection_lost",
    "ResponseDataLossError": "connection_lost",
    "DownloadCancelledError": "cancelled",
    "PrivateAddressError": "private_address",
    "PrivateAddressLookupError": "private_address",
    "CancelledError": "cancelled",
    "DownloadFailedError": "download_failed",
    "SSLError": "tls",
}


def reason_for_exception(exc: BaseException) -> str:
    """Failure reason for an exception raised while downloading."""
    message = str(exc)
    if type(exc).__name__ == "IgnoreRequest":
        if "robots.txt" in message:
            return "robots_txt"
        if "max redirections" in message:
            return "redirect_loop"
    if "larger than download max size" in message or "exceeded DOWNLOAD_MAXSIZE" in message:
        return "too_large"
    if "private address refused" in message:
        return "private_address"
    for klass in type(exc).__mro__:
        if klass.__name__ in _REASONS_BY_NAME:
            return _REASONS_BY_NAME[klass.__name__]
    return "download_error"


def reason_for_response(response: Response) -> str:
    """Failure reason for a non-2xx response: 'blocked' for challenge pages, else http_<code>."""
    if isinstance(response, TextResponse):
        title = clean_text(" ".join(response.css("title::text").getall()))
        if looks_blocked(title, response.text[:8000]):
            return "blocked"
    if response.status in (401, 403, 429):
        return "blocked"
    return f"http_{response.status}"
