# Part of the exchange-errors runtime: written by hand in generator/runtime/, shipped verbatim.
"""Reading a response body: the (code, message) pairs and the warnings it carries, as its
exchange's envelope describes them.

An error in the envelope's plain shape (`{"code":-1121,"msg":"..."}`) is read by the short
way (_lane) without a JSON parse; `plain_shape` says which envelopes have one."""

from __future__ import annotations

import json
import re
import reprlib
from collections.abc import Mapping
from collections.abc import Mapping as AbcMapping
from typing import Any, NamedTuple

Code = int | str
Entries = list[tuple[Code, str]]


class Envelope(NamedTuple):
    code_type: str
    code_field: tuple[str, ...] | None
    message_field: tuple[str, ...] | None
    error_list_field: tuple[str, ...] | None
    item_list_field: tuple[str, ...] | None
    item_code_field: tuple[str, ...] | None
    item_message_field: tuple[str, ...] | None
    success_codes: frozenset[Code]
    code_absent_means_success: bool
    required_fields: tuple[tuple[str, ...], ...]
    warning_prefix: str | None
    # Statuses inside successful bodies: (path, values that mean success, path of the
    # failure's text inside the object holding the status, or ()). A "[]" segment stands for
    # every item of a list.
    status_fields: tuple[
        tuple[tuple[str, ...], tuple[bool | int | str, ...], tuple[str, ...]], ...
    ] = ()
    # Fields that mark a failure whatever the code says: (path, values that mean failure),
    # such as "success": false.
    failure_flags: tuple[tuple[tuple[str, ...], tuple[object, ...]], ...] = ()
    # The field every successful body carries; a success code without it, but with a
    # message, is a failure.
    success_data_field: tuple[str, ...] | None = None
    # Fields that identify an item of a batch (order ids, client order ids).
    item_id_fields: tuple[str, ...] = ()
    # With no code field, a message "<integer code><this><text>" carries its code (Binance's
    # older endpoints: "-1022=Signature for this request is not valid.").
    message_code_separator: str | None = None
    # Where an item's sub-code is, and what joins it to the item's code: OKX's 51008 with
    # subCode 1000 is looked up as 51008_1000, which falls back to 51008 where undocumented.
    item_sub_code_field: tuple[str, ...] | None = None
    sub_code_join: str = ""


class MalformedBodyError(Exception):
    """The body does not have the shape the envelope promises."""


NOT_JSON = object()
EMPTY = object()
_decode = json.JSONDecoder().decode


def _integer(text: str) -> int | str:
    try:
        return int(text)
    except ValueError:
        return text


_decode_long_numbers = json.JSONDecoder(parse_int=_integer).decode


def is_mapping(value: object) -> bool:
    return type(value) is dict or isinstance(value, AbcMapping)


def decode_text(body: object) -> object:
    """The body as text, or the body itself when it is already parsed; NOT_JSON for bytes
    that are not UTF-8. A byte order mark before the text is dropped."""
    if isinstance(body, (bytes, bytearray, memoryview)):
        try:
            body = bytes(body).decode("utf-8")
        except UnicodeDecodeError:
            return NOT_JSON
    if type(body) is str and body.startswith("\ufeff"):
        return body[1:]
    return body


def parse_text(body: object) -> object:
    """The JSON value of decoded text, EMPTY for no body, NOT_JSON when it is not JSON; an
    already-parsed value is returned as it is."""
    if body is None:
        return EMPTY
    if isinstance(body, str):
        if not body.strip():
            return EMPTY
        try:
            return _decode(body)
        except RecursionError:
            return NOT_JSON
        except ValueError as exc:
            if "digits" not in str(exc):
                return NOT_JSON
        try:  # an integer longer than Python converts by default: kept as its text
            return _decode_long_numbers(body)
        except (ValueError, RecursionError):
            return NOT_JSON
    return body


# -- the plain error shape -----------------------------------------------------------------------

_INT = r"-?(?:0|[1-9][0-9]{0,17})"
_CODE_TEXT = re.compile(_INT)


def plain_shape(envelope: Envelope) -> tuple[str, ...] | None:
    """The plain error shape of an envelope, which the short way (_lane) reads without parsing
    JSON: ("list", field) for a list of error strings, ("code", code field, message field)
    for a code and its message; None when its errors need the JSON path (nested fields,
    fields every body must have). A batch's items and statuses are not in the plain shape:
    where the envelope has them, their field is empty there (see _lane.route_for)."""
    fields = [
        f for f in (envelope.code_field, envelope.message_field, envelope.error_list_field) if f
    ]
    if any(len(f) != 1 for f in fields):
        return None
    if not set(envelope.required_fields) <= set(fields):
        return None
    if envelope.error_list_field:
        return ("list", envelope.error_list_field[0])
    if envelope.code_field and envelope.message_field:
        return ("code", envelope.code_field[0], envelope.message_field[0])
    return None


# -- the JSON path ------------------------------------------------------------------------------


def get_path(value: Any, path: tuple[str, ...]) -> Any:
    """The value at a dotted path of nested objects, where a number picks an item of a list
    (`data.0.sCode`), or None."""
    for key in path:
        if isinstance(value, list) and key.isdigit():
            index = int(key)
            value = value[index] if index < len(value) else None
        elif is_mapping(value):
            value = value.get(key)
        else:
            return None
    return value


def _get(value: Any, path: tuple[str, ...]) -> Any:
    if type(value) is dict and len(path) == 1:  # the usual field of a parsed body
        return value.get(path[0])
    for key in path:
        if not is_mapping(value):
            return None
        value = value.get(key)
    return value


def dump(value: Any) -> str:
    """Any parsed value as text, whatever it holds (cycles, depth, odd objects)."""
    try:
        return json.dumps(value, default=repr, ensure_ascii=False)
    except (ValueError, TypeError, RecursionError):
        return reprlib.repr(value)


def text_of(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else dump(value)


def coerce_code(raw: Any, code_type: str) -> Code:
    if type(raw) is str and code_type != "int":  # the usual string code
        return raw
    if code_type == "int":
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        if isinstance(raw, str):
            try:
                return int(raw.strip())
            except ValueError:
                return raw
        if isinstance(raw, float) and raw.is_integer():
            return int(raw)
    if isinstance(raw, str):
        return raw
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    return dump(raw)


def with_sub_code(code: Code, sub: object, join: str) -> Code:
    """A code with the sub-code sent beside it joined on (OKX's 51008 with sub-code 1000 is
    51008_1000); the code alone where none was sent."""
    if type(sub) is int:
        sub = str(sub)
    if type(sub) is not str or not sub:
        return code
    return f"{code}{join}{sub}"


def item_code(envelope: Envelope, item: Any, raw: Any) -> Code:
    """A failed item's code as the tables know it: its sub-code joined on where the envelope
    declares one and the item carries it."""
    code = coerce_code(raw, envelope.code_type)
    field = envelope.item_sub_code_field
    if field is None or code in envelope.success_codes:
        return code
    sub = _get(item, field)
    if sub is None:  # the usual item: no sub-code
        return code
    return with_sub_code(code, sub, envelope.sub_code_join)


def _flags_success(envelope: Envelope, value: Mapping[str, Any]) -> bool:
    """Whether a field that marks failures says, as a boolean, that the request succeeded
    (KuCoin's `"success": true` beside a success code and no data)."""
    return any(
        _get(value, path) is True and False in failures
        for path, failures in envelope.failure_flags
    )


def flags_failure(envelope: Envelope, value: object) -> bool:
    """Whether the body marks itself failed, whatever its code says."""
    if not envelope.failure_flags or not is_mapping(value):
        return False
    for path, failures in envelope.failure_flags:
        flag = _get(value, path)
        if flag is None:
            continue
        if not failures:  # a field only failures carry: any value marks one
            if flag != "":
                return True
        elif any(flag == failure and type(flag) is type(failure) for failure in failures):
            return True
    return False


def message_of(envelope: Envelope, value: object) -> str:
    """The body's message field, for errors decided by the HTTP status."""
    if envelope.message_field and is_mapping(value):
        return text_of(_get(value, envelope.message_field))
    return ""


def extract(envelope: Envelope, value: object) -> tuple[Entries, list[str]]:
    """The (code, message) pairs and the warnings a parsed body carries."""
    if isinstance(value, list) and envelope.code_field is not None:
        # A batch answers with a list: each item an order or an error envelope of its own.
        errors = [e for item in value if is_mapping(item) for e in _errors(envelope, item)[0]]
        if errors:
            return errors, []
    if not is_mapping(value):
        # A list can be a whole answer (a list of orders); a lone number or string is none.
        whole_answer = isinstance(value, list) and envelope.code_absent_means_success
        if whole_answer and not envelope.required_fields:
            return [], []
        raise MalformedBodyError(f"expected a JSON object, found {type(value).__name__}")
    assert isinstance(value, AbcMapping)
    for path in envelope.required_fields:
        if _get(value, path) is None and not _has(value, path):
            raise MalformedBodyError(f"the body has no {'.'.join(path)!r} field")
    errors, warnings = _errors(envelope, value)
    return errors or _status_errors(envelope, value), warnings


def _errors(envelope: Envelope, value: Mapping[str, Any]) -> tuple[Entries, list[str]]:
    """The errors the body reports as errors: its error list, its items, or its code."""
    if envelope.error_list_field is not None:
        errors, warnings = _error_list(envelope, _get(value, envelope.error_list_field))
        return errors or _item_errors(envelope, value), warnings
    items = _item_errors(envelope, value)
    if items or envelope.code_field is None:
        return items, []
    raw_code = _get(value, envelope.code_field)
    if raw_code is None:
        embedded = _code_in_message(envelope, value)
        if embedded is not None:
            return [embedded], []
        if envelope.code_absent_means_success:
            return [], []
        raise MalformedBodyError(f"the body has no {'.'.join(envelope.code_field)!r} field")
    code = coerce_code(raw_code, envelope.code_type)
    message = _get(value, envelope.message_field) if envelope.message_field else None
    if code in envelope.success_codes:
        data = envelope.success_data_field
        if data is None or _has(value, data) or not message or _flags_success(envelope, value):
            return [], []
        # A success code with no data but a message: the message is the answer.
    return [(code, text_of(message))], []


def _code_in_message(envelope: Envelope, value: Mapping[str, Any]) -> tuple[Code, str] | None:
    """The code a message starts with, where the envelope says its messages may carry one."""
    separator = envelope.message_code_separator
    if separator is None or envelope.message_field is None:
        return None
    message = _get(value, envelope.message_field)
    if not isinstance(message, str):
        return None
    head, found, text = message.partition(separator)
    if not found or _CODE_TEXT.fullmatch(head) is None:
        return None
    return coerce_code(head, envelope.code_type), text


def _item_errors(envelope: Envelope, value: Mapping[str, Any]) -> Entries:
    """Errors of individual items (a batch, or data[].sCode): they say more than the
    top-level code, which only tells that something failed."""
    if envelope.item_list_field is None or envelope.item_code_field is None:
        return []
    items = _get(value, envelope.item_list_field)
    if not isinstance(items, list):
        return []
    errors: Entries = []
    words_are_codes = envelope.code_type == "string"
    for item in items:
        if isinstance(item, str):
            # Where codes are words, a bare string item is its own code, as in an error list
            # (Kraken Futures' errors); elsewhere it is data (OKX's statistics answer with
            # "data": ["1630512000000", "8.55", ...]).
            code = coerce_code(item, envelope.code_type)
            if words_are_codes and item and code not in envelope.success_codes:
                errors.append((code, item))
            continue
        raw_code = _get(item, envelope.item_code_field)
        if raw_code is None or raw_code == "":
            continue
        code = item_code(envelope, item, raw_code)
        if code in envelope.success_codes:
            continue
        message = _get(item, envelope.item_message_field) if envelope.item_message_field else None
        errors.append((code, text_of(message)))
    return errors


def batch_report(envelope: Envelope, value: object) -> tuple[tuple[dict[str, Any], ...], bool]:
    """The failed items of a batch (index, code, message and identifiers of each) and whether
    some items succeeded: the envelope's item list, or a whole answer that is a list of
    envelopes (Binance's batch orders answer each order or its error in one list)."""
    if isinstance(value, list) and envelope.code_field is not None:
        return _list_report(envelope, value)
    items = _get(value, envelope.item_list_field) if envelope.item_list_field else None
    if not isinstance(items, list) or envelope.item_code_field is None:
        return _status_report(envelope, value)
    failed: list[dict[str, Any]] = []
    succeeded = 0
    for position, item in enumerate(items):
        if not is_mapping(item):  # no code of its own: not a failure this envelope reports
            succeeded += 1
            continue
        raw_code = _get(item, envelope.item_code_field)
        code = None if raw_code in (None, "") else item_code(envelope, item, raw_code)
        if code is None or code in envelope.success_codes:
            succeeded += 1
            continue
        message = _get(item, envelope.item_message_field) if envelope.item_message_field else None
        failed.append(item_report(envelope, position, item, code, text_of(message)))
    return tuple(failed), bool(failed) and succeeded > 0


def item_report(
    envelope: Envelope, position: int, item: Mapping[str, Any], code: Code, message: str
) -> dict[str, Any]:
    """What a batch's error says of one failed item: its place, its error and what names it."""
    report: dict[str, Any] = {"index": position, "code": code, "message": message}
    for field in envelope.item_id_fields:
        identifier = item.get(field)
        if identifier is not None and identifier != "":
            report[field] = identifier
    return report


def _list_report(envelope: Envelope, items: list[Any]) -> tuple[tuple[dict[str, Any], ...], bool]:
    """batch_report() of an answer that is a list of envelopes: an item is failed when it
    carries an error code of its own."""
    failed: list[dict[str, Any]] = []
    succeeded = 0
    for position, item in enumerate(items):
        try:
            errors = _errors(envelope, item)[0] if is_mapping(item) else []
        except MalformedBodyError:  # an item without the envelope's code: not a failure
            errors = []
        if not errors:
            succeeded += 1
        for code, message in errors:
            failed.append({"index": position, "code": code, "message": message})
    return tuple(failed), bool(failed) and succeeded > 0


def _status_report(envelope: Envelope, value: object) -> tuple[tuple[dict[str, Any], ...], bool]:
    """batch_report() of a batch whose items report a status each (Kraken Futures'
    batchStatus[].status, KuCoin's data.data[].status): an item is failed when its status is
    not a success."""
    failed: list[dict[str, Any]] = []
    succeeded = 0
    for position, holder, failure in _statuses(envelope, value):
        if position is None:  # a status of the whole body, not of an item
            continue
        if failure is None:
            succeeded += 1
            continue
        failed.append(item_report(envelope, position, holder, *failure))
    return tuple(failed), bool(failed) and succeeded > 0


def _status_errors(envelope: Envelope, value: Mapping[str, Any]) -> Entries:
    """Failed operations a successful body reports in its status fields (Kraken Futures
    answers a rejected order with "result": "success" and "sendStatus": {"status": ...})."""
    return [failure for _, _, failure in _statuses(envelope, value) if failure is not None]


StatusFailure = tuple[Code, str]


def _statuses(
    envelope: Envelope, value: object
) -> list[tuple[int | None, Mapping[str, Any], StatusFailure | None]]:
    """Each status the body reports: its position in its list (None for a status of the
    whole body), the object holding it, and the failure as (code, message), or None when it
    succeeded. A status of another JSON type than the successes', or an empty one, says
    nothing and is left out. The status is the code; the failure's text, where the field
    declares one, is the message."""
    found: list[tuple[int | None, Mapping[str, Any], StatusFailure | None]] = []
    for path, success, message_path in envelope.status_fields:
        key = path[-1]
        for position, holder in _holders(value, path[:-1], key):
            status = holder.get(key)
            if status is None:
                continue
            kinds = [ok for ok in success if type(ok) is type(status)]
            if not kinds or status == "":
                continue
            if status in kinds:
                found.append((position, holder, None))
                continue
            said = status if isinstance(status, str) else dump(status)
            text = text_of(_get(holder, message_path)) if message_path else ""
            found.append((position, holder, (said, text or said)))
    return found


def _holders(
    value: object, path: tuple[str, ...], key: str
) -> list[tuple[int | None, Mapping[str, Any]]]:
    """The objects at `path` ("[]" for every item of a list) that may hold `key`, each with
    its position in the last list the path goes through (None where it goes through none).
    The items of a list share a shape: a list whose first item lacks `key` is data (a
    ledger's rows), not a batch's results, and is not read to its end."""
    # Up to the first list, one object at a time: most bodies stop there, at a field they
    # do not have.
    found: Any = value
    for depth, segment in enumerate(path):  # noqa: B007 (read after the loop)
        if segment == "[]":
            break
        found = found.get(segment) if type(found) is dict or is_mapping(found) else None
        if found is None:
            return []
    else:
        return [(None, found)] if is_mapping(found) else []
    value = found
    if path[depth:] == ("[]",):  # a list of results, the usual batch
        if not isinstance(value, list) or not value:
            return []
        first = value[0]
        if not is_mapping(first) or key not in first:
            return []
        return [(position, item) for position, item in enumerate(value) if is_mapping(item)]
    current: list[tuple[int | None, Any]] = [(None, value)]
    for segment in path[depth:]:
        if segment == "[]":
            current = [pair for _, v in current if isinstance(v, list) for pair in enumerate(v)]
        else:
            current = [(p, v[segment]) for p, v in current if is_mapping(v) and segment in v]
        if not current:
            return []
    return [(p, v) for p, v in current if is_mapping(v)]


def _has(value: Mapping[str, Any], path: tuple[str, ...]) -> bool:
    parent = _get(value, path[:-1]) if len(path) > 1 else value
    return is_mapping(parent) and path[-1] in parent


def _error_list(envelope: Envelope, items: Any) -> tuple[Entries, list[str]]:
    if items is None:
        return [], []
    if isinstance(items, str):
        items = [items]
    if not isinstance(items, list):
        raise MalformedBodyError(f"the error list is a {type(items).__name__}, not a list")
    return _split_warnings(envelope, [text for text in map(text_of, items) if text])


def _split_warnings(envelope: Envelope, texts: list[str]) -> tuple[Entries, list[str]]:
    prefix = envelope.warning_prefix
    if not prefix:
        return [(text, text) for text in texts if text], []
    errors: Entries = [(t, t) for t in texts if t and not t.startswith(prefix)]
    return errors, [t for t in texts if t.startswith(prefix)]


def put(target: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        target = target.setdefault(key, {})
    target[path[-1]] = value
