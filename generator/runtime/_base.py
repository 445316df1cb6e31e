# Part of the exchange-errors runtime: written by hand in generator/runtime/, shipped verbatim.
"""Behaviour shared by every exception of the package: typed attributes, a short str(),
pickling, and a JSON-ready dict."""

from __future__ import annotations

import json
import reprlib
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, TypeVar

# How much of a message or body str() shows; the whole of it stays in `message` and `raw`.
SHOWN_CHARS = 200


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 3] + "..."


def body_bytes(raw: object) -> bytes:
    """The body as bytes, whatever form it was received in."""
    if raw is None:
        return b""
    if isinstance(raw, (bytes, bytearray, memoryview)):
        return bytes(raw)
    if isinstance(raw, str):
        return raw.encode("utf-8", "backslashreplace")
    try:
        text = json.dumps(raw, default=repr, ensure_ascii=False)
    except (ValueError, TypeError, RecursionError):  # cycles, depth, odd objects
        text = reprlib.repr(raw)
    return text.encode("utf-8", "backslashreplace")


def _rebuild(cls: type[ErrorBase], args: tuple[Any, ...]) -> ErrorBase:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    return error


# Classes that are two things at once: a WebSocket layer's class (TradingError) and the
# meaning of the error string it carries (InsufficientFunds), made on first use.
_BOTH: dict[tuple[type, type], type] = {}


def both(layer: type[T], meaning: type[ErrorBase]) -> type[T]:
    """A class that is a `layer` and a `meaning` error, so that one `except` of the meaning
    serves REST and WebSocket alike; `layer` alone where the two cannot be combined."""
    key = (layer, meaning)
    found = _BOTH.get(key)
    if found is None:
        name = f"{layer.__name__}[{meaning.__name__}]"
        namespace = {
            "__module__": meaning.__module__,
            "__qualname__": name,
            "_parts": key,
            # The layer names the category; the meaning says how to retry.
            "category": layer.category,
            "retry_policy": meaning.retry_policy,
        }
        try:
            found = _BOTH.setdefault(key, type(name, (layer, meaning), namespace))
        except TypeError:  # no consistent method resolution order
            return layer
    return found


def _rebuild_both(
    layer: type[ErrorBase], meaning: type[ErrorBase], args: tuple[Any, ...]
) -> ErrorBase:
    return _rebuild(both(layer, meaning), args)


T = TypeVar("T", bound="ErrorBase")


def _state(
    message: str,
    code: int | str | None,
    http_status: int | None,
    params: Mapping[str, str],
    raw: object,
    rule: str,
    api: str | None,
) -> dict[str, Any]:
    """The attributes a fresh error sets; `params` and `errors` are made when first read
    (see ErrorBase.__getattr__), the others keep their class's values until something
    overrides them."""
    state = {
        "message": message,
        "code": code,
        "http_status": http_status,
        "raw": raw,
        "api": api,
        "rule": rule,
    }
    if params:
        state["params"] = dict(params)
    return state


def build_error(
    cls: type[T],
    message: str,
    code: int | str | None,
    http_status: int | None,
    raw: object,
    params: Mapping[str, str],
    rule: str,
    api: str | None,
) -> T:
    """An error as the classifier makes it: the same state as the constructor gives, built
    without going through keyword arguments, because it is on every classification's path."""
    error = cls.__new__(cls, message)
    error.__dict__ = _state(message, code, http_status, params, raw, rule, api)
    return error


class ErrorBase(Exception):  # noqa: N818 (the base of the package's Error classes)
    """Attributes every error carries; see the package README for their meaning."""

    category: ClassVar[str] = "exchange_error"
    description: ClassVar[str] = ""
    advice: ClassVar[str | None] = None
    documented_code: ClassVar[object | None] = None
    documented_messages: ClassVar[tuple[str, ...]] = ()
    scope_id: ClassVar[str | None] = None
    source: ClassVar[str | None] = None
    # A public link that shows the exchange sending an error no document lists.
    evidence: ClassVar[str | None] = None
    # The document strikes the code out; old clients may still receive it.
    deprecated: ClassVar[bool] = False
    # Where the exchange documents the error.
    doc_url: ClassVar[str | None] = None
    # The captured value holding when (epoch milliseconds) the exchange lets requests in again.
    retry_until_param: ClassVar[str | None] = None

    # Set on every instance.
    message: str
    code: int | str | None
    http_status: int | None
    params: dict[str, str]
    raw: object
    errors: list[str]
    api: str | None
    rule: str
    # Instance attributes whose class gives the usual value.
    exchange: str = ""
    retry_after: float | None = None
    outcome_unknown: bool = False
    # The class's policy, made safer on an instance whose outcome is unknown.
    retry_policy: str = "never"
    req_id: int | str | None = None
    # A batch's failed items (index, code, message, identifiers) and whether others succeeded.
    failed_items: tuple[dict[str, Any], ...] = ()
    partial: bool = False
    warnings: Sequence[str] = ()

    def __init__(
        self,
        message: str = "",
        *,
        exchange: str | None = None,
        code: int | str | None = None,
        http_status: int | None = None,
        params: Mapping[str, str] | None = None,
        raw: object = None,
        retry_after: float | None = None,
        outcome_unknown: bool | None = None,
        errors: list[str] | None = None,
        details: tuple[ErrorBase, ...] = (),
        api: str | None = None,
        rule: str = "raised",
        req_id: int | str | None = None,
    ) -> None:
        super().__init__(message)
        self.__dict__.update(_state(message, code, http_status, params or {}, raw, rule, api))
        if exchange is not None:
            self.exchange = exchange
        if retry_after is not None:
            self.retry_after = retry_after
        if outcome_unknown is not None:
            self.outcome_unknown = outcome_unknown
        if errors is not None:
            self.errors = list(errors)
        if details:
            self.details = details
        if req_id is not None:
            self.req_id = req_id

    def __getattr__(self, name: str) -> Any:
        # Reached only for an attribute the instance and its class lack: the two a fresh
        # error leaves to be made on first read (most errors are caught and never read).
        if name == "params":
            value: Any = {}
        elif name == "errors":
            value = [self.__dict__.get("message", "")]
        else:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        self.__dict__[name] = value
        return value

    @property
    def details(self) -> tuple[ErrorBase, ...]:
        """Every error of the response, classified one by one. A classified error with no
        other is its own detail; it is given on reading, so that no error refers to itself
        and none needs the cyclic garbage collector."""
        found = self.__dict__.get("_details")
        if found is None:
            return (self,) if self.rule != "raised" else ()
        return tuple(self if detail is None else detail for detail in found)

    @details.setter
    def details(self, value: tuple[ErrorBase | None, ...]) -> None:
        # None stands for the error itself.
        self.__dict__["_details"] = tuple(None if d is self else d for d in value)

    @property
    def retryable(self) -> bool:
        """Whether repeating the request can succeed (see `retry_policy` for how)."""
        return self.retry_policy != "never"

    @property
    def status_code(self) -> int | None:
        """The HTTP status, under the name kraken-connector uses."""
        return self.http_status

    @property
    def content(self) -> bytes:
        """The raw body as bytes, under the name kraken-connector uses."""
        return body_bytes(self.raw)

    @property
    def error(self) -> str:
        """The message, under the name kraken-connector's WebSocket errors use."""
        return self.message

    def __str__(self) -> str:
        where = self.exchange
        if self.code is not None:
            where = f"{where} {self.code}".strip()
        elif self.http_status is not None:
            where = f"{where} HTTP {self.http_status}".strip()
        text = self.message or body_bytes(self.raw).decode("utf-8", "replace") or self.description
        text = _shorten(text)
        return f"[{where}] {text}" if where else text

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(exchange={self.exchange!r}, code={self.code!r},"
            f" message={_shorten(self.message)!r}, http_status={self.http_status!r})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # The state goes third so that pickle and deepcopy set it after the object exists:
        # `details` holds the error itself. A class made by both() is made again from its parts.
        parts = type(self).__dict__.get("_parts")
        if parts is not None:
            return (_rebuild_both, (*parts, self.args), dict(self.__dict__))
        return (_rebuild, (type(self), self.args), dict(self.__dict__))

    def to_dict(self) -> dict[str, Any]:
        """Everything the error knows, as JSON-serialisable values."""
        return {
            "class": type(self).__name__,
            "exchange": self.exchange,
            "code": self.code,
            "message": self.message,
            "http_status": self.http_status,
            "category": self.category,
            "params": dict(self.params),
            "retryable": self.retryable,
            "retry_policy": self.retry_policy,
            "retry_after": self.retry_after,
            "outcome_unknown": self.outcome_unknown,
            "description": self.description,
            "advice": self.advice,
            "doc_url": self.doc_url,
            "api": self.api,
            "rule": self.rule,
            "errors": list(self.errors),
            "warnings": list(self.warnings),
            "req_id": self.req_id,
            "failed_items": [dict(item) for item in self.failed_items],
            "partial": self.partial,
            "raw": body_bytes(self.raw).decode("utf-8", "backslashreplace"),
        }
