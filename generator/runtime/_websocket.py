# Part of the exchange-errors runtime: written by hand in generator/runtime/, shipped verbatim.
"""Reads a WebSocket message: which declared frame shape reports a failure, and the error of
the request it rejects (a subscription, a trading request), with the error string's own
meaning in `details`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from . import _body, _inputs
from ._base import ErrorBase, both, build_error
from ._body import NOT_JSON, Code
from ._engine import MAX_CLASSIFIED, Body, page_error
from ._match import NO_PARAMS, find, lineage
from ._tables import Frame, Tables, WebSocketSpec
from ._verdict import build

E = TypeVar("E", bound=ErrorBase)


def _at(frame: Mapping[str, Any], path: str | None) -> Any:
    return _body.get_path(frame, tuple(path.split("."))) if path else None


def classify_ws(tables: Tables[E], message: Body) -> E | None:
    """The error a WebSocket response reports, or None for a success or a data message."""
    spec = tables.websocket
    if spec is None:
        raise ValueError(f"{tables.exchange} has no WebSocket spec")
    decoded = _body.decode_text(_inputs.checked_body(message))
    if type(decoded) is str and decoded.strip() in spec.keepalive_texts:
        return None
    frame = _body.parse_text(decoded)
    if frame is NOT_JSON:
        if type(decoded) is str:  # an error page where a frame was expected (the handshake)
            return page_error(tables, None, message, decoded)
        invalid = tables.categories["invalid_response"]
        text = "the WebSocket message is not JSON"
        return build_error(invalid, text, None, None, message, NO_PARAMS, "envelope", None)
    if isinstance(frame, list):
        # Several frames in one message (older APIs batch them): the first failure stands.
        for item in frame[:MAX_CLASSIFIED]:
            shape = _failed_shape(spec, item)
            if shape is not None:
                return _ws_error(tables, spec, item, shape, message)
        return None
    shape = _failed_shape(spec, frame)
    if shape is None:
        return None
    return _ws_error(tables, spec, frame, shape, message)


def _ws_error(
    tables: Tables[E], spec: WebSocketSpec, frame: object, shape: Frame, message: Body
) -> E:
    """The error of a frame that failed under `shape`; the raw message is the whole one."""
    assert isinstance(frame, Mapping)
    text = _body.text_of(_at(frame, shape.error_field))
    raw_code = _at(frame, shape.code_field)
    code: Code = (
        text if raw_code is None else _body.coerce_code(raw_code, tables.envelope.code_type)
    )
    if raw_code is not None and shape.sub_code_field:
        join = tables.index.matching.code_separator or ""
        code = _body.with_sub_code(code, _at(frame, shape.sub_code_field), join)
    req_id = _at(frame, shape.req_id_field)
    if type(req_id) not in (int, str):
        req_id = None
    found = find(tables.index, None, code, text)
    meaning = build(tables, found, code, text, None, message)
    meaning.req_id = req_id
    if any(c in spec.raised_as_meaning for c in lineage(meaning.category, tables.index.parents)):
        return meaning
    method = _body.text_of(_at(frame, shape.method_field))
    kind = spec.kinds.get(method) or shape.kind or _layer_of(tables, spec, meaning.category)
    layer = tables.categories[kind]
    if type(meaning) is not tables.api_root:  # a known meaning: the error is both
        layer = both(layer, type(meaning))
    error = build_error(layer, text, code, None, message, NO_PARAMS, "websocket", None)
    error.req_id = req_id
    error.details = (meaning,)
    return error


def _layer_of(tables: Tables[E], spec: WebSocketSpec, category: str) -> str:
    """The WebSocket category of a rejection whose answer names no method: the one its
    meaning's category (or an ancestor) is covered by, else a plain WebSocket error."""
    for line in lineage(category, tables.index.parents):
        layer = spec.meaning_layers.get(line)
        if layer is not None:
            return layer
    return "websocket_error"


def _failed_shape(spec: WebSocketSpec, frame: object) -> Frame | None:
    """The declared shape under which a frame reports a failure, or None. Where several
    shapes flag it ({"event": "error"} of two APIs), the first that finds the most of the
    frame wins: its text, then its method."""
    if not isinstance(frame, Mapping):
        return None
    flagged: Frame | None = None
    best = -1
    for shape in spec.frames:
        flag = _at(frame, shape.flag_field)
        if flag is None or flag == "":
            continue
        if shape.success_values:
            if any(flag == v and type(flag) is type(v) for v in shape.success_values):
                continue
        else:
            values = shape.failure_values
            # no values listed: the field's presence marks the failure
            if values and not any(flag == v and type(flag) is type(v) for v in values):
                continue
        found = 2 * (_at(frame, shape.error_field) is not None)
        found += _at(frame, shape.method_field) is not None
        if found == 3:
            return shape
        if found > best:
            flagged, best = shape, found
    return flagged
