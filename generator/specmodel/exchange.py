"""An exchange's spec file: where its bodies keep code and message, how messages compare,
its WebSocket frames, and its scopes (one per API) with their errors."""

from __future__ import annotations

from ..records import Node, key, record, shape_of
from ..runtime._verdict import HEADER_UNITS
from ..shapes import Boolean, Either, Integer, ListOf, MapOf, Text
from .outcome import (
    CODE,
    DOCUMENT_ID,
    IDENTIFIER,
    ErrorSpec,
    FallbackSpec,
    HttpStatusSpec,
    MeaningSpec,
)

CLASS_NAME = r"[A-Z][A-Za-z0-9]*"
CODE_TYPES = ("int", "numeric_string", "string")
FLAG_VALUES = ListOf(Either((Boolean(), Integer(), Text())), min_items=1)
FlagValues = tuple[bool | int | str, ...]


@record(
    "StatusField", "A field of a successful body whose other values report a failed operation."
)
class StatusFieldSpec(Node):
    field: str = key(
        Text(),
        "Dotted path of the status; `name[]` stands for every item of a list.",
        required=True,
    )
    success: FlagValues = key(
        FLAG_VALUES, "Values that mean the operation succeeded, in their JSON type.", required=True
    )
    message: str | None = key(
        Text(),
        "Dotted path, inside the object holding the status, of the failure's text (KuCoin's"
        " failMsg): the text then decides what the failure means; without it, the status is"
        " looked up as a code.",
    )


@record(
    "FailureFlag", "A field that marks a failed request whatever the code says (`success: false`)."
)
class FailureFlagSpec(Node):
    field: str = key(Text(), "Dotted path of the flag.", required=True)
    values: FlagValues = key(
        FLAG_VALUES,
        "Values that mean the request failed, in their JSON type; without them, any value but"
        " null and an empty string (a field only failures carry).",
        default=(),
    )


@record("Envelope", "Where code and message live in a response body.")
class EnvelopeSpec(Node):
    code_field: str | None = key(Text(), "Dotted path of the error code in a JSON body.")
    code_type: str | None = key(
        Text(choices=CODE_TYPES), "Wire type of codes; required when the body has codes."
    )
    code_pattern: str | None = key(Text(), "Regular expression every string code must match.")
    message_field: str | None = key(Text(), "Dotted path of the error message.")
    error_list_field: str | None = key(
        Text(), "Dotted path of a list of error strings, each its own code."
    )
    item_list_field: str | None = key(
        Text(), "Dotted path of a list of per-item results that carry their own codes."
    )
    item_code_field: str | None = key(Text(), "Path of the code inside each item.")
    item_message_field: str | None = key(Text(), "Path of the message inside each item.")
    item_sub_code_field: str | None = key(
        Text(),
        "Path of the sub-code inside each item (OKX's subCode): an item that carries one has"
        " the code <code><code_separator><sub-code> (51008_1000), which falls back to its code"
        " where the spec does not document the pair.",
    )
    item_id_fields: tuple[str, ...] = key(
        ListOf(Text()),
        "Fields that identify an item of a batch (ordId, clOrdId): reported with each failed"
        " item.",
        default=(),
    )
    success_codes: tuple[int | str, ...] = key(
        ListOf(CODE), "Codes that mean success.", default=()
    )
    code_absent_means_success: bool = key(
        Boolean(), "A body without a code is a success (default false).", default=False
    )
    required_fields: tuple[str, ...] = key(
        ListOf(Text()), "Fields every well-formed body has; missing ones are an error.", default=()
    )
    warning_prefix: str | None = key(
        Text(), "Error-list strings starting with this are warnings, not errors."
    )
    status_fields: tuple[StatusFieldSpec, ...] = key(
        ListOf(shape_of(StatusFieldSpec)),
        "Statuses inside successful bodies; a value not listed as a success is a code.",
        default=(),
    )
    success_data_field: str | None = key(
        Text(),
        "Dotted path of the result every success carries: a success code without it but with"
        " a message is a failure.",
    )
    message_code_separator: str | None = key(
        Text(),
        "With no code field, a message '<integer code><separator><text>' carries its code and"
        " its text.",
    )
    failure_flags: tuple[FailureFlagSpec, ...] = key(
        ListOf(shape_of(FailureFlagSpec)),
        "Fields that mark a failure even when no code or a success code is given.",
        default=(),
    )


@record("Matching", "How received messages are compared with documented ones.")
class MatchingSpec(Node):
    case_sensitive: bool = key(Boolean(), "Default false.", default=False)
    trailing_punctuation: str = key(
        Text(allow_empty=True), "Characters ignored at the end of a message.", default=""
    )
    detail_separators: tuple[str, ...] = key(
        ListOf(Text()),
        "A documented message followed by one of these and more text still matches.",
        default=(),
    )
    code_separator: str | None = key(
        Text(), "String codes are hierarchical: a documented code plus this and a detail."
    )
    gloss_separator: str | None = key(
        Text(), 'A documented "<wire text><separator><gloss>" also matches <wire text>.'
    )


@record("WebSocketFrame", "Another shape of WebSocket response the exchange sends; dotted paths.")
class WebSocketFrameSpec(Node):
    method_field: str = key(Text(), "Field naming the request method.", required=True)
    flag_field: str = key(Text(), "Field whose value marks a failure.", required=True)
    failure_values: FlagValues = key(
        FLAG_VALUES,
        "Values of flag_field that mean the request failed; without them, any value does (a"
        " field only failures carry).",
        default=(),
    )
    error_field: str = key(Text(), "Field holding the error string.", required=True)
    req_id_field: str | None = key(Text(), "Field echoing the client's request id.")
    code_field: str | None = key(Text(), "Field holding the error's code, apart from its text.")
    sub_code_field: str | None = key(
        Text(),
        "Field holding the error's sub-code (OKX's data.0.subCode): the code is then"
        " <code><code_separator><sub-code>, as items' sub-codes are read.",
    )
    success_values: FlagValues = key(
        FLAG_VALUES,
        "Values of flag_field that mean success; any other value is a failure.",
        default=(),
    )
    kind: str | None = key(
        Text(choices=("subscription_error", "trading_error", "websocket_error")),
        "The layer of a failure whose method names none (default websocket_error).",
    )


@record("WebSocket", "How the exchange's WebSocket responses report a rejected request.")
class WebSocketSpec(Node):
    method_field: str | None = key(Text(), "Field naming the request method.")
    success_field: str | None = key(
        Text(), "Field that is false on failure (with method_field and error_field)."
    )
    error_field: str | None = key(Text(), "Field holding the error string.")
    req_id_field: str | None = key(Text(), "Field echoing the client's request id.")
    subscription_methods: tuple[str, ...] = key(
        ListOf(Text()), "Methods whose failure is a SubscriptionError.", default=()
    )
    trading_methods: tuple[str, ...] = key(
        ListOf(Text()), "Methods whose failure is a TradingError.", default=()
    )
    raised_as_meaning: tuple[str, ...] = key(
        ListOf(Text(pattern=IDENTIFIER)),
        "Categories whose errors are raised as themselves rather than as the request's class"
        " (a dead session calls for a new token, whatever the request was).",
        default=(),
    )
    other_frames: tuple[WebSocketFrameSpec, ...] = key(
        ListOf(shape_of(WebSocketFrameSpec)),
        "Other response shapes, tried after the first.",
        default=(),
    )
    keepalive_texts: tuple[str, ...] = key(
        ListOf(Text(), min_items=1),
        "Plain-text frames the exchange sends to keep the connection alive (OKX's pong):"
        " never errors.",
        default=(),
    )


@record("Document")
class DocumentSpec(Node):
    id: str = key(Text(pattern=DOCUMENT_ID), required=True)
    title: str = key(Text(), required=True)
    file: str | None = key(Text(), "Path of the source document.")
    url: str | None = key(Text(), "Where the document is published.")


@record("Detect", "How a response is known to come from this API when `api=` is not given.")
class DetectSpec(Node):
    urls: tuple[str, ...] = key(
        ListOf(Text(), min_items=1),
        "Fragments of a request URL (host or path, lower case) that mean this API.",
        default=(),
    )
    string_field: str | None = key(
        Text(), "A top-level field whose value is a string only in this API's bodies."
    )
    fields: tuple[str, ...] = key(
        ListOf(Text(), min_items=1),
        "Top-level fields that only this API's bodies have at all (ret_code).",
        default=(),
    )


@record("RateLimitHeader", "A header that tells a rate-limited client when to come back.")
class RateLimitHeaderSpec(Node):
    name: str = key(Text(), "The header's name.", required=True)
    unit: str = key(
        Text(choices=HEADER_UNITS),
        "seconds or milliseconds to wait, or the epoch time (s or ms) of the reset.",
        required=True,
    )


@record("Scope", "One API of the exchange with its own code list.")
class ScopeSpec(Node):
    id: str = key(
        Text(pattern=IDENTIFIER), "The value of `api=`.", required=True, python_name="scope id"
    )
    title: str = key(Text(), required=True)
    document: str = key(Text(pattern=DOCUMENT_ID), required=True)
    section: str | None = key(Text())
    inherits: tuple[str, ...] = key(
        ListOf(Text(pattern=IDENTIFIER)),
        "Scopes searched, in order, for codes this one does not list.",
        default=(),
    )
    class_prefix: str = key(
        Text(pattern=CLASS_NAME), "Prefix of this scope's class names.", default=""
    )
    envelope: EnvelopeSpec | None = key(
        shape_of(EnvelopeSpec), "Overrides the exchange's envelope for this scope."
    )
    message_tables: dict[str, tuple[MeaningSpec, ...]] | None = key(
        MapOf(ListOf(shape_of(MeaningSpec), min_items=1)),
        "Meanings shared by several codes (a table of messages any of them may carry).",
        default=None,
    )
    errors: tuple[ErrorSpec, ...] = key(
        ListOf(shape_of(ErrorSpec), min_items=1),
        "The codes; a scope that only reads another envelope may inherit them all.",
        default=(),
    )
    detect: DetectSpec | None = key(
        shape_of(DetectSpec), "How responses of this API are recognised."
    )


@record("Exchange", "Every documented error of one exchange.")
class ExchangeSpec(Node):
    id: str = key(Text(pattern=IDENTIFIER), "Module name; the file stem.", required=True)
    name: str = key(Text(), "Display name.", required=True)
    documents: tuple[DocumentSpec, ...] = key(
        ListOf(shape_of(DocumentSpec), min_items=1), required=True
    )
    notes: tuple[str, ...] = key(
        ListOf(Text()), "Oddities of the documents and how they are handled.", default=()
    )
    envelope: EnvelopeSpec = key(shape_of(EnvelopeSpec), required=True)
    matching: MatchingSpec | None = key(shape_of(MatchingSpec))
    placeholders: tuple[str, ...] = key(
        ListOf(Text()), "Placeholder tokens in documented messages, such as %s.", default=()
    )
    http_statuses: tuple[HttpStatusSpec, ...] = key(ListOf(shape_of(HttpStatusSpec)), default=())
    websocket: WebSocketSpec | None = key(shape_of(WebSocketSpec))
    fallbacks: tuple[FallbackSpec, ...] = key(
        ListOf(shape_of(FallbackSpec)),
        "Rules for errors whose code and message are not documented.",
        default=(),
    )
    default_api: str | None = key(
        Text(pattern=IDENTIFIER),
        "The scope searched first when no api= is given (then all scopes, as usual).",
    )
    scopes: tuple[ScopeSpec, ...] = key(
        ListOf(shape_of(ScopeSpec)),
        "The APIs with their codes; may be empty for a status-only API.",
        default=(),
    )
    order_urls: tuple[str, ...] = key(
        ListOf(Text(), min_items=1),
        "Fragments of the URLs that place, amend or cancel orders (lower case): an"
        " undocumented error in answer to them leaves the outcome unknown.",
        default=(),
    )
    rate_limit_headers: tuple[RateLimitHeaderSpec, ...] = key(
        ListOf(shape_of(RateLimitHeaderSpec)),
        "Headers besides Retry-After that give `retry_after` of a rate limit.",
        default=(),
    )
