"""The spec format, declared once: the loader validates against it and
`python -m generator schema` writes it out as JSON Schema (spec/schema.json)."""

from __future__ import annotations

from .runtime._verdict import HEADER_UNITS
from .shapes import (
    Boolean,
    Either,
    Field,
    Integer,
    JsonSchema,
    ListOf,
    MapOf,
    Number,
    Record,
    Text,
    document_schema,
)

IDENTIFIER = r"[a-z][a-z0-9_]*"
CLASS_NAME = r"[A-Z][A-Za-z0-9]*"
DOCUMENT_ID = r"[a-z][a-z0-9_]*(?:-[a-z0-9_]+)*"
RETRY_POLICIES = ("never", "backoff", "resync_clock", "confirm_first")
CODE_TYPES = ("int", "numeric_string", "string")
PARAM_KINDS = ("text", "number", "word")
LAYERS = ("api", "response", "network", "websocket")
EVENT_FIELD_TYPES = ("str", "int", "float", "bool", "Optional[str]", "Optional[int]")

retry = Either(
    (
        Text(choices=RETRY_POLICIES, title="a retry policy"),
        Record(
            "RetryAfter",
            {"after": Field(Number(), required=True, doc="Seconds to wait before retrying.")},
            doc="Retry after a fixed delay that the exchange documents.",
        ),
    ),
    title="a retry policy",
)

param = Either(
    (
        Text(pattern=IDENTIFIER, title="a parameter name", doc="snake_case name"),
        Record(
            "Param",
            {
                "name": Field(Text(pattern=IDENTIFIER), required=True, doc="snake_case name"),
                "kind": Field(
                    Text(choices=PARAM_KINDS),
                    doc="What the value looks like: text (default), number, or word (no spaces).",
                ),
            },
        ),
    ),
    title="a parameter",
)

message = Either(
    (
        Text(title="a message", doc="The message exactly as the exchange sends it."),
        Record(
            "Message",
            {
                "text": Field(Text(), required=True, doc="The message exactly as documented."),
                "params": Field(
                    ListOf(param),
                    doc="Names for the placeholders of the message, in order of appearance.",
                ),
                "note": Field(Text(), doc="An oddity of this message in the source document."),
                "retry_until": Field(
                    Text(pattern=IDENTIFIER),
                    doc="The parameter holding the time (epoch milliseconds) until which the"
                    " exchange refuses requests; it sets retry_after.",
                ),
            },
        ),
    ),
    title="a message",
)

code = Either(
    (Integer(), Text(title="a string code")),
    title="an error code",
)


def _outcome_fields() -> dict[str, Field]:
    """Fields shared by errors, meanings and HTTP statuses."""
    return {
        "name": Field(
            Text(pattern=r"[A-Za-z][A-Za-z0-9_]*"),
            required=True,
            doc="Identifier source: enum member and class name are derived from it.",
        ),
        "category": Field(Text(pattern=IDENTIFIER), required=True, doc="A taxonomy category id."),
        "messages": Field(ListOf(message), doc="Documented messages, verbatim."),
        "description": Field(Text(), required=True, doc="One line, in our own words."),
        "advice": Field(Text(), doc="What a client should do about it, in our own words."),
        "deprecated": Field(
            Boolean(),
            doc="The document strikes the code out; old clients may still receive it.",
        ),
        "observed_in": Field(
            Text(pattern=r"https://\S+"),
            doc="A public link that shows the exchange sending it (an issue, a pull request, a"
            " client library's file at a commit): the error is observed, not documented.",
        ),
        "note": Field(Text(), doc="An oddity of the source document and how it is handled."),
        "retry": Field(retry, doc="Overrides the category's retry policy."),
        "outcome_unknown": Field(
            Boolean(),
            doc="True when the request may have been executed despite the error; default: the"
            " category's (true for request_timeout).",
        ),
        "http_status": Field(
            Either((Integer(), ListOf(Integer(), min_items=1))),
            doc="The HTTP status (or statuses) the error comes with, if documented.",
        ),
        "document": Field(Text(pattern=DOCUMENT_ID), doc="Overrides the scope's document."),
        "section": Field(Text(), doc="Section of the document that lists it."),
    }


meaning = Record(
    "Meaning",
    _outcome_fields(),
    doc="A further meaning of the same code, told apart by its message.",
)

error = Record(
    "Error",
    {
        "code": Field(code, required=True, doc="The code in its wire type."),
        **_outcome_fields(),
        "meanings": Field(
            ListOf(meaning, min_items=1),
            doc="Other meanings of this code, each chosen by its messages.",
        ),
        "meanings_from": Field(
            ListOf(Text(pattern=IDENTIFIER)),
            doc="Message tables of the scope whose meanings this code can carry too.",
        ),
        "message_decides": Field(
            Boolean(),
            doc="The code says little: an undocumented message is matched against the exchange's"
            " other messages and message rules before the code's own class is used.",
        ),
    },
    doc="One documented code and what it means when its message says nothing more specific.",
)

status_pattern = Text(pattern=r"[1-9][0-9]*x+", title="a status pattern such as 5xx")
http_status = Record(
    "HttpStatus",
    {
        "status": Field(
            Either((Integer(), status_pattern, ListOf(Either((Integer(), status_pattern))))),
            required=True,
            doc="A status, a pattern such as 5xx, or a list of them.",
        ),
        **_outcome_fields(),
    },
    doc="What an HTTP status means when the body carries no API error.",
)

fallback = Record(
    "Fallback",
    {
        "priority": Field(Integer(), required=True, doc="Rules are tried lowest first."),
        "status": Field(
            Either((Integer(), status_pattern, ListOf(Either((Integer(), status_pattern))))),
            doc="The rule applies to these HTTP statuses.",
        ),
        "message_contains": Field(
            ListOf(Text()), doc="The rule applies when the message contains one of these."
        ),
        "evidence": Field(
            Text(), required=True, doc="Why the rule holds, and where the exchange says so."
        ),
        **_outcome_fields(),
    },
    doc="What an error whose code and message are undocumented most likely means.",
)

status_field = Record(
    "StatusField",
    {
        "field": Field(
            Text(),
            required=True,
            doc="Dotted path of the status; `name[]` stands for every item of a list.",
        ),
        "success": Field(
            ListOf(Text()), required=True, doc="Values that mean the operation succeeded."
        ),
    },
    doc="A field of a successful body whose other values report a failed operation.",
)

failure_flag = Record(
    "FailureFlag",
    {
        "field": Field(Text(), required=True, doc="Dotted path of the flag."),
        "values": Field(
            ListOf(Either((Boolean(), Integer(), Text())), min_items=1),
            doc="Values that mean the request failed, in their JSON type; without them, any"
            " value but null and an empty string (a field only failures carry).",
        ),
    },
    doc="A field that marks a failed request whatever the code says (`success: false`).",
)

envelope = Record(
    "Envelope",
    {
        "code_field": Field(Text(), doc="Dotted path of the error code in a JSON body."),
        "code_type": Field(
            Text(choices=CODE_TYPES), doc="Wire type of codes; required when the body has codes."
        ),
        "code_pattern": Field(Text(), doc="Regular expression every string code must match."),
        "message_field": Field(Text(), doc="Dotted path of the error message."),
        "error_list_field": Field(
            Text(), doc="Dotted path of a list of error strings, each its own code."
        ),
        "item_list_field": Field(
            Text(), doc="Dotted path of a list of per-item results that carry their own codes."
        ),
        "item_code_field": Field(Text(), doc="Path of the code inside each item."),
        "item_message_field": Field(Text(), doc="Path of the message inside each item."),
        "item_id_fields": Field(
            ListOf(Text()),
            doc="Fields that identify an item of a batch (ordId, clOrdId): reported with each"
            " failed item.",
        ),
        "success_codes": Field(ListOf(code), doc="Codes that mean success."),
        "code_absent_means_success": Field(
            Boolean(), doc="A body without a code is a success (default false)."
        ),
        "required_fields": Field(
            ListOf(Text()), doc="Fields every well-formed body has; missing ones are an error."
        ),
        "warning_prefix": Field(
            Text(), doc="Error-list strings starting with this are warnings, not errors."
        ),
        "status_fields": Field(
            ListOf(status_field),
            doc="Statuses inside successful bodies; a value not listed as a success is a code.",
        ),
        "success_data_field": Field(
            Text(),
            doc="Dotted path of the result every success carries: a success code without it"
            " but with a message is a failure.",
        ),
        "message_code_separator": Field(
            Text(),
            doc="With no code field, a message '<integer code><separator><text>' carries its"
            " code and its text.",
        ),
        "failure_flags": Field(
            ListOf(failure_flag),
            doc="Fields that mark a failure even when no code or a success code is given.",
        ),
    },
    doc="Where code and message live in a response body.",
)

matching = Record(
    "Matching",
    {
        "case_sensitive": Field(Boolean(), doc="Default false."),
        "trailing_punctuation": Field(
            Text(allow_empty=True), doc="Characters ignored at the end of a message."
        ),
        "detail_separators": Field(
            ListOf(Text()),
            doc="A documented message followed by one of these and more text still matches.",
        ),
        "code_separator": Field(
            Text(), doc="String codes are hierarchical: a documented code plus this and a detail."
        ),
        "gloss_separator": Field(
            Text(), doc='A documented "<wire text><separator><gloss>" also matches <wire text>.'
        ),
    },
    doc="How received messages are compared with documented ones.",
)

websocket_frame = Record(
    "WebSocketFrame",
    {
        "method_field": Field(Text(), required=True, doc="Field naming the request method."),
        "flag_field": Field(Text(), required=True, doc="Field whose value marks a failure."),
        "failure_values": Field(
            ListOf(Either((Boolean(), Integer(), Text())), min_items=1),
            doc="Values of flag_field that mean the request failed; without them, any value"
            " does (a field only failures carry).",
        ),
        "error_field": Field(Text(), required=True, doc="Field holding the error string."),
        "req_id_field": Field(Text(), doc="Field echoing the client's request id."),
        "code_field": Field(Text(), doc="Field holding the error's code, apart from its text."),
        "success_values": Field(
            ListOf(Either((Boolean(), Integer(), Text())), min_items=1),
            doc="Values of flag_field that mean success; any other value is a failure.",
        ),
        "kind": Field(
            Text(choices=("subscription_error", "trading_error", "websocket_error")),
            doc="The layer of a failure whose method names none (default websocket_error).",
        ),
    },
    doc="Another shape of WebSocket response the exchange sends; dotted paths.",
)

websocket = Record(
    "WebSocket",
    {
        "method_field": Field(Text(), doc="Field naming the request method."),
        "success_field": Field(
            Text(), doc="Field that is false on failure (with method_field and error_field)."
        ),
        "error_field": Field(Text(), doc="Field holding the error string."),
        "req_id_field": Field(Text(), doc="Field echoing the client's request id."),
        "subscription_methods": Field(
            ListOf(Text()), doc="Methods whose failure is a SubscriptionError."
        ),
        "trading_methods": Field(ListOf(Text()), doc="Methods whose failure is a TradingError."),
        "raised_as_meaning": Field(
            ListOf(Text(pattern=IDENTIFIER)),
            doc="Categories whose errors are raised as themselves rather than as the request's"
            " class (a dead session calls for a new token, whatever the request was).",
        ),
        "other_frames": Field(
            ListOf(websocket_frame), doc="Other response shapes, tried after the first."
        ),
    },
    doc="How the exchange's WebSocket responses report a rejected request.",
)

document_ref = Record(
    "Document",
    {
        "id": Field(Text(pattern=DOCUMENT_ID), required=True),
        "title": Field(Text(), required=True),
        "file": Field(Text(), doc="Path of the source document."),
        "url": Field(Text(), doc="Where the document is published."),
    },
)

detect = Record(
    "Detect",
    {
        "urls": Field(
            ListOf(Text(), min_items=1),
            doc="Fragments of a request URL (host or path, lower case) that mean this API.",
        ),
        "string_field": Field(
            Text(), doc="A top-level field whose value is a string only in this API's bodies."
        ),
        "field": Field(
            Text(), doc="A top-level field that only this API's bodies have (ret_code)."
        ),
    },
    doc="How a response is known to come from this API when `api=` is not given.",
)

rate_limit_header = Record(
    "RateLimitHeader",
    {
        "name": Field(Text(), required=True, doc="The header's name."),
        "unit": Field(
            Text(choices=HEADER_UNITS),
            required=True,
            doc="seconds or milliseconds to wait, or the epoch time (s or ms) of the reset.",
        ),
    },
    doc="A header that tells a rate-limited client when to come back.",
)

scope = Record(
    "Scope",
    {
        "id": Field(Text(pattern=IDENTIFIER), required=True, doc="The value of `api=`."),
        "title": Field(Text(), required=True),
        "document": Field(Text(pattern=DOCUMENT_ID), required=True),
        "section": Field(Text()),
        "inherits": Field(
            ListOf(Text(pattern=IDENTIFIER)),
            doc="Scopes searched, in order, for codes this one does not list.",
        ),
        "class_prefix": Field(Text(pattern=CLASS_NAME), doc="Prefix of this scope's class names."),
        "enum": Field(
            Text(pattern=CLASS_NAME),
            doc="Name of the scope's code enum, to keep a published name when scopes are added.",
        ),
        "envelope": Field(envelope, doc="Overrides the exchange's envelope for this scope."),
        "message_tables": Field(
            MapOf(ListOf(meaning, min_items=1)),
            doc="Meanings shared by several codes (a table of messages any of them may carry).",
        ),
        "errors": Field(
            ListOf(error, min_items=1),
            doc="The codes; a scope that only reads another envelope may inherit them all.",
        ),
        "detect": Field(detect, doc="How responses of this API are recognised."),
    },
    doc="One API of the exchange with its own code list.",
)

exchange = Record(
    "Exchange",
    {
        "id": Field(Text(pattern=IDENTIFIER), required=True, doc="Module name; the file stem."),
        "name": Field(Text(), required=True, doc="Display name."),
        "documents": Field(ListOf(document_ref, min_items=1), required=True),
        "notes": Field(ListOf(Text()), doc="Oddities of the documents and how they are handled."),
        "envelope": Field(envelope, required=True),
        "matching": Field(matching),
        "placeholders": Field(
            ListOf(Text()), doc="Placeholder tokens in documented messages, such as %s."
        ),
        "http_statuses": Field(ListOf(http_status)),
        "websocket": Field(websocket),
        "fallbacks": Field(
            ListOf(fallback), doc="Rules for errors whose code and message are not documented."
        ),
        "default_api": Field(
            Text(pattern=IDENTIFIER),
            doc="The scope searched first when no api= is given (then all scopes, as usual).",
        ),
        "scopes": Field(
            ListOf(scope), doc="The APIs with their codes; may be empty for a status-only API."
        ),
        "order_urls": Field(
            ListOf(Text(), min_items=1),
            doc="Fragments of the URLs that place, amend or cancel orders (lower case): an"
            " undocumented error in answer to them leaves the outcome unknown.",
        ),
        "rate_limit_headers": Field(
            ListOf(rate_limit_header),
            doc="Headers besides Retry-After that give `retry_after` of a rate limit.",
        ),
    },
    doc="Every documented error of one exchange.",
)

category = Record(
    "Category",
    {
        "id": Field(Text(pattern=IDENTIFIER), required=True),
        "class": Field(Text(pattern=CLASS_NAME), required=True),
        "parent": Field(Text(pattern=IDENTIFIER), doc="Absent only for the root."),
        "meaning": Field(Text(), required=True),
        "retry": Field(retry, required=True),
        "init": Field(
            ListOf(Text(pattern=IDENTIFIER)),
            doc="Positional constructor arguments, for compatibility with other libraries.",
        ),
        "aliases": Field(ListOf(Text(pattern=CLASS_NAME)), doc="Other exported names."),
        "advice": Field(
            Text(),
            doc="What a client should do about an error of this category, in our own words;"
            " an error's own advice says more.",
        ),
        "outcome_unknown": Field(
            Boolean(), doc="True when a request that failed this way may have been executed."
        ),
        "layer": Field(
            Text(choices=LAYERS),
            doc="Where the failure happens: api (default), response, network, websocket.",
        ),
        "reported_under": Field(
            Text(pattern=IDENTIFIER),
            doc="For a category of another layer that an exchange can also report in its answer"
            " (a timeout behind its gateway): the API category its reported errors belong to"
            " as well.",
        ),
    },
)

event = Record(
    "Event",
    {
        "class": Field(Text(pattern=CLASS_NAME), required=True),
        "meaning": Field(Text(), required=True),
        "fields": Field(
            MapOf(Text(choices=EVENT_FIELD_TYPES)), required=True, doc="Field name to Python type."
        ),
    },
)

page_rule = Record(
    "PageRule",
    {
        "name": Field(Text(pattern=IDENTIFIER), required=True, doc="snake_case name"),
        "contains": Field(
            ListOf(Text(pattern=r"[^A-Z]+"), min_items=1),
            required=True,
            doc="Words (lower case), any of which on a page makes the rule apply.",
        ),
        "status": Field(ListOf(Integer()), doc="Statuses the rule is limited to."),
        "category": Field(Text(pattern=IDENTIFIER), required=True, doc="A taxonomy category id."),
        "evidence": Field(Text(), required=True, doc="Why these words mean that category."),
    },
    doc="What an error page with these words means.",
)

pages = Record(
    "Pages",
    {"pages": Field(ListOf(page_rule), required=True)},
    doc="Rules that read error pages (HTML or text in place of an API's answer).",
)

word_rule = Record(
    "WordRule",
    {
        "name": Field(
            Text(pattern=IDENTIFIER),
            required=True,
            doc="snake_case name; each exchange's class is Common<Name>Error",
        ),
        "contains": Field(
            ListOf(Text(pattern=r"[^A-Z]+"), min_items=1),
            required=True,
            doc="Words (lower case), any of which in a message makes the rule apply.",
        ),
        "category": Field(Text(pattern=IDENTIFIER), required=True, doc="A taxonomy category id."),
        "description": Field(Text(), required=True, doc="One line, in our own words."),
        "evidence": Field(
            Text(),
            required=True,
            doc="Why these words mean that category: the documented messages of several"
            " exchanges that hold them.",
        ),
    },
    doc="What a message with these words means on any exchange, when nothing else knows it.",
)

words = Record(
    "Words",
    {"rules": Field(ListOf(word_rule), required=True)},
    doc="Message rules for every exchange, tried after each exchange's own fallbacks.",
)

taxonomy = Record(
    "Taxonomy",
    {
        "categories": Field(ListOf(category, min_items=1), required=True),
        "events": Field(ListOf(event)),
        "warning": Field(
            Record(
                "Warning",
                {
                    "class": Field(Text(pattern=CLASS_NAME), required=True),
                    "meaning": Field(Text(), required=True),
                },
            )
        ),
    },
)


package = Record(
    "Package",
    {
        "name": Field(Text(pattern=r"[a-z][a-z0-9-]*"), required=True, doc="Distribution name."),
        "import_name": Field(Text(pattern=IDENTIFIER), required=True),
        "version": Field(
            Text(pattern=r"[0-9]+\.[0-9]+\.[0-9]+"), required=True, doc="Semantic version."
        ),
        "description": Field(Text(), required=True),
        "license": Field(Text(), required=True, doc="SPDX license expression."),
        "requires_python": Field(Text(), required=True),
        "urls": Field(MapOf(Text(), key_pattern=r"[A-Za-z][A-Za-z -]*")),
    },
    doc="The published package: spec/package.yaml.",
)


def exchange_json_schema() -> JsonSchema:
    return document_schema(exchange, "exchange-errors exchange spec")


def taxonomy_json_schema() -> JsonSchema:
    return document_schema(taxonomy, "exchange-errors taxonomy")
