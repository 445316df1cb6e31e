"""What an error means, as a spec writes it: the entries of a scope's error list, their
further meanings and messages, and the rules for statuses and undocumented errors."""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Node, key, record, shape_of
from ..shapes import Boolean, Either, Integer, ListOf, Number, Text

IDENTIFIER = r"[a-z][a-z0-9_]*"
DOCUMENT_ID = r"[a-z][a-z0-9_]*(?:-[a-z0-9_]+)*"
RETRY_POLICIES = ("never", "backoff", "resync_clock", "confirm_first")
PARAM_KINDS = ("text", "number", "word")
STATUS_PATTERN = Text(pattern=r"[1-9][0-9]*x+", title="a status pattern such as 5xx")


@record("RetryAfter", "Retry after a fixed delay that the exchange documents.")
class RetryAfterSpec(Node):
    after: float = key(Number(), "Seconds to wait before retrying.", required=True)


RETRY = Either(
    (Text(choices=RETRY_POLICIES, title="a retry policy"), shape_of(RetryAfterSpec)),
    title="a retry policy",
)


@record("Param")
class ParamSpec(Node):
    name: str = key(
        Text(pattern=IDENTIFIER), "snake_case name", required=True, python_name="parameter name"
    )
    kind: str = key(
        Text(choices=PARAM_KINDS),
        "What the value looks like: text (default), number, or word (no spaces).",
        default="text",
    )


PARAM = Either(
    (
        Text(pattern=IDENTIFIER, title="a parameter name", doc="snake_case name"),
        shape_of(ParamSpec),
    ),
    title="a parameter",
)


@record("Message")
class MessageSpec(Node):
    text: str = key(Text(), "The message exactly as documented.", required=True)
    params: tuple[str | ParamSpec, ...] = key(
        ListOf(PARAM),
        "Names for the placeholders of the message, in order of appearance.",
        default=(),
        python_name="parameter name",
    )
    note: str | None = key(Text(), "An oddity of this message in the source document.")
    sub_code: str | None = key(
        Text(pattern=r"^[0-9A-Za-z]+$"),
        "The sub-code the exchange sends with this message (OKX's 51008_1000 is code 51008,"
        " sub-code 1000): an item with this code and sub-code has this message's meaning.",
    )
    retry_until: str | None = key(
        Text(pattern=IDENTIFIER),
        "The parameter holding the time (epoch milliseconds) until which the exchange refuses"
        " requests; it sets retry_after.",
        python_name="retry_until",
    )


MESSAGE = Either(
    (
        Text(title="a message", doc="The message exactly as the exchange sends it."),
        shape_of(MessageSpec),
    ),
    title="a message",
)

CODE = Either((Integer(), Text(title="a string code")), title="an error code")

STATUSES = Either((Integer(), STATUS_PATTERN, ListOf(Either((Integer(), STATUS_PATTERN)))))


@dataclass(frozen=True, kw_only=True)
class OutcomeSpec(Node):
    """The keys of every meaning: errors, further meanings, HTTP statuses and fallbacks."""

    name: str = key(
        Text(pattern=r"[A-Za-z][A-Za-z0-9_]*"),
        "Identifier source: enum member and class name are derived from it.",
        required=True,
    )
    category: str = key(Text(pattern=IDENTIFIER), "A taxonomy category id.", required=True)
    description: str = key(Text(), "One line, in our own words.", required=True)
    advice: str | None = key(Text(), "What a client should do about it, in our own words.")
    note: str | None = key(Text(), "An oddity of the source document and how it is handled.")
    retry: str | RetryAfterSpec | None = key(RETRY, "Overrides the category's retry policy.")
    outcome_unknown: bool | None = key(
        Boolean(),
        "True when the request may have been executed despite the error; default: the"
        " category's (true for request_timeout).",
    )
    partial: bool = key(
        Boolean(),
        "True when part of the request is always carried out with this error (Binance -2021:"
        " the cancel or the new order of a cancel-replace went through); the error's"
        " `partial` says so.",
        default=False,
    )


@dataclass(frozen=True, kw_only=True)
class SourcedSpec(OutcomeSpec):
    """A meaning a document or an observation gives (not a rule of ours): its messages and
    where it comes from."""

    messages: tuple[str | MessageSpec, ...] = key(
        ListOf(MESSAGE), "Documented messages, verbatim.", default=()
    )
    deprecated: bool = key(
        Boolean(),
        "The document strikes the code out; old clients may still receive it.",
        default=False,
    )
    observed_in: str | None = key(
        Text(pattern=r"https://\S+"),
        "A public link that shows the exchange sending it (an issue, a pull request, a client"
        " library's file at a commit): the error is observed, not documented.",
    )
    document: str | None = key(Text(pattern=DOCUMENT_ID), "Overrides the scope's document.")
    section: str | None = key(Text(), "Section of the document that lists it.")


@dataclass(frozen=True, kw_only=True)
class CodeMeaningSpec(SourcedSpec):
    """A meaning of an error code, which may name the HTTP statuses it comes with."""

    http_status: int | tuple[int, ...] | None = key(
        Either((Integer(), ListOf(Integer(), min_items=1))),
        "The HTTP status (or statuses) the error comes with, if documented.",
    )


@record("Meaning", "A further meaning of the same code, told apart by its message.")
class MeaningSpec(CodeMeaningSpec):
    pass


@record(
    "Error", "One documented code and what it means when its message says nothing more specific."
)
class ErrorSpec(CodeMeaningSpec):
    code: int | str = key(CODE, "The code in its wire type.", required=True)
    meanings: tuple[MeaningSpec, ...] = key(
        ListOf(shape_of(MeaningSpec), min_items=1),
        "Other meanings of this code, each chosen by its messages.",
        default=(),
    )
    meanings_from: tuple[str, ...] = key(
        ListOf(Text(pattern=IDENTIFIER)),
        "Message tables of the scope whose meanings this code can carry too.",
        default=(),
    )
    message_decides: bool = key(
        Boolean(),
        "The code says little: an undocumented message is matched against the exchange's"
        " other messages and message rules before the code's own class is used.",
        default=False,
    )


@record("HttpStatus", "What an HTTP status means when the body carries no API error.")
class HttpStatusSpec(SourcedSpec):
    status: int | str | tuple[int | str, ...] = key(
        STATUSES,
        "A status, a pattern such as 5xx, or a list of them.",
        required=True,
        status_patterns=True,
    )


@record("Fallback", "What an error whose code and message are undocumented most likely means.")
class FallbackSpec(OutcomeSpec):
    priority: int = key(Integer(), "Rules are tried lowest first.", required=True)
    status: int | str | tuple[int | str, ...] | None = key(
        STATUSES, "The rule applies to these HTTP statuses.", status_patterns=True
    )
    message_contains: tuple[str, ...] = key(
        ListOf(Text()), "The rule applies when the message contains one of these.", default=()
    )
    evidence: str = key(
        Text(), "Why the rule holds, and where the exchange says so.", required=True
    )
