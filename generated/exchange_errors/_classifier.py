# Part of the exchange-errors runtime: written by hand in generator/runtime/, shipped verbatim.
"""One exchange's classifier: its tables and every call the package offers for it. Each
exchange module makes one and exposes its methods as the module's functions; the package's
functions find the exchange's classifier and call the same methods."""

from __future__ import annotations

from typing import Generic, TypeVar

from . import _engine
from ._base import ErrorBase
from ._engine import Body, Headers, Tables

E = TypeVar("E", bound=ErrorBase)
W = TypeVar("W", bound=Warning)


class Classifier(Generic[E, W]):
    """Classifies responses of one exchange into its classes (E) and warnings (W)."""

    __slots__ = ("tables", "warning")

    def __init__(self, tables: Tables[E], warning: type[W]) -> None:
        self.tables = tables
        self.warning = warning

    def classify(
        self,
        *,
        status: int | None = None,
        body: Body,
        api: str | None = None,
        headers: Headers = None,
        url: str | None = None,
    ) -> E | None:
        """The error a response carries, or None when it is a success."""
        return _engine.examine(
            self.tables, status=status, body=body, api=api, headers=headers, url=url
        )[0]

    def classify_response(self, response: object, *, api: str | None = None) -> E | None:
        """The error an HTTP client's response carries (requests, httpx, urllib3), or None."""
        return _engine.examine_response(self.tables, response, api)[0]

    async def aclassify_response(self, response: object, *, api: str | None = None) -> E | None:
        """The error an aiohttp response carries, or None; its body is read first."""
        body = await response.read()  # type: ignore[attr-defined]
        status, headers, url = response.status, response.headers, response.url  # type: ignore[attr-defined]
        return _engine.examine(
            self.tables, status=status, body=body, api=api, headers=headers, url=str(url)
        )[0]

    def raise_for_response(
        self,
        response: object = None,
        *,
        status: int | None = None,
        body: Body = None,
        api: str | None = None,
        headers: Headers = None,
        url: str | None = None,
        stacklevel: int = 1,
    ) -> None:
        """Raise the error a response carries (an HTTP client's response, or its status, body
        and headers); issue its warnings, attributed as `warnings.warn`'s stacklevel says;
        return quietly for a success."""
        _engine.raise_for(
            self.tables,
            self.warning,
            response,
            status=status,
            body=body,
            api=api,
            headers=headers,
            url=url,
            stacklevel=stacklevel,
        )

    def examine(
        self,
        *,
        status: int | None = None,
        body: Body,
        api: str | None = None,
        headers: Headers = None,
        url: str | None = None,
    ) -> tuple[E | None, list[str]]:
        """The error a response carries (or None) and the warnings beside it."""
        return _engine.examine(
            self.tables, status=status, body=body, api=api, headers=headers, url=url
        )

    def warnings_in(self, *, body: Body, api: str | None = None) -> list[W]:
        """The warnings a successful response carries beside its result; they never raise."""
        return _engine.warnings_in(self.tables, self.warning, body=body, api=api)

    def wrap_network_error(self, exc: BaseException) -> E:
        """A typed error for an HTTP client's exception: a retryable NetworkError for a
        transport failure (RequestTimeout, outcome unknown, for a timeout), the classified
        response for an HTTP status error; TypeError for anything that is not a network
        failure."""
        return _engine.wrap_network_error(self.tables.categories, exc, self.tables)

    def classify_ws(self, message: Body) -> E | None:
        """The error a WebSocket response reports: a SubscriptionError or TradingError by the
        request's method (with the error string classified in `details`), or None."""
        from . import _websocket  # read only by applications that use WebSockets

        return _websocket.classify_ws(self.tables, message)
