"""The classifier is total: any body, however broken, gives an error object or None, never
another exception, and keeps the raw input. Every generated class survives pickle, deepcopy
and to_dict()."""

from __future__ import annotations

import copy
import importlib
import json
import math
import pickle
from typing import Any

import exchange_errors
import pytest
from exchange_errors import EXCHANGES, ExchangeError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.wire import assert_each

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
FIELDS = ("code", "msg", "error", "retCode", "data", "result", "success", "method", "req_id")
envelope_like = st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=5)
statuses = st.none() | st.integers(min_value=-5, max_value=1200)
bodies: st.SearchStrategy[Any] = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200),
    envelope_like,
    envelope_like.map(lambda d: json.dumps(d, allow_nan=True)),
    envelope_like.map(lambda d: json.dumps(d).encode()),
    json_values,
    st.just(b"\xff\xfe\xfa"),
    st.just("<html><body>502 Bad Gateway</body></html>"),
)


def _check(
    exchange: str, status: int | None, body: Any, headers: Any = None, pickles: bool = True
) -> None:
    result = exchange_errors.classify(exchange, status=status, body=body, headers=headers)
    assert result is None or isinstance(result, ExchangeError)
    if status is not None and not 200 <= status < 300:
        assert result is not None  # a failing status is never a success
    if result is not None:
        if isinstance(body, (bytearray, memoryview)):
            assert type(result.raw) is bytes and result.raw == bytes(body)
        elif type(body) is str or not isinstance(body, str):
            assert result.raw is body
        else:  # a str subclass is kept as a plain str
            assert type(result.raw) is str and str.__eq__(result.raw, body)
        assert result.retry_after is None or math.isfinite(result.retry_after)
        str(result)
        json.dumps(result.to_dict(), allow_nan=False)
        if pickles:  # a parsed body nested 100,000 deep is beyond pickle itself
            pickle.loads(pickle.dumps(result))


class _RaisingStr(str):
    """A str subclass whose hooks raise: the classifier must never call them."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("compared")

    def __hash__(self) -> int:
        raise RuntimeError("hashed")

    def __getitem__(self, key: Any) -> str:
        raise RuntimeError("indexed")


class _RaisingDict(dict[str, Any]):
    """A parsed body whose mapping methods raise."""

    def get(self, key: str, default: Any = None) -> Any:
        raise RuntimeError("read")

    def __getitem__(self, key: str) -> Any:
        raise RuntimeError("read")


json_texts = envelope_like.map(lambda d: json.dumps(d))
hostile_bodies: st.SearchStrategy[Any] = st.one_of(
    json_texts.map(lambda s: b"\xef\xbb\xbf" + s.encode()),  # a byte order mark
    json_texts.map(lambda s: "\ufeff" + s),
    st.integers(min_value=4301, max_value=6000).map(
        lambda n: '{"code": ' + "9" * n + ', "msg": "x"}'
    ),
    st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=5).map(
        lambda s: '{"code": 1, "msg": "' + s + '"}'
    ),
    json_texts.map(_RaisingStr),
    envelope_like.map(_RaisingDict),
    json_texts.map(lambda s: bytearray(s.encode())),
    json_texts.map(lambda s: memoryview(s.encode())),
)
header_values = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["1e400", "inf", "-1", "nan", "9" * 400, "Wed, 21 Oct 2015 07:28:00 GMT"]),
)
odd_headers = st.one_of(
    st.none(),
    st.dictionaries(
        st.sampled_from(["Retry-After", "retry-after", "gw-ratelimit-reset", "X"]),
        header_values,
        max_size=3,
    ),
    st.lists(
        st.tuples(st.sampled_from(["Retry-After", "RETRY-AFTER", "x"]), header_values), max_size=3
    ),
    st.lists(st.tuples(st.binary(max_size=8), st.binary(max_size=8)), max_size=3),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(EXCHANGES), statuses, bodies)
def test_classify_is_total(exchange: str, status: int | None, body: Any) -> None:
    _check(exchange, status, body)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(EXCHANGES), statuses, hostile_bodies, odd_headers)
def test_hostile_bodies_and_headers(
    exchange: str, status: int | None, body: Any, headers: Any
) -> None:
    _check(exchange, status, body, headers)


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_websocket_classifier_is_total(frame: Any) -> None:
    result = exchange_errors.classify_ws("kraken", frame)
    assert result is None or isinstance(result, ExchangeError)


@pytest.mark.parametrize("exchange", EXCHANGES)
def test_hostile_structures(exchange: str) -> None:
    deep: Any = []
    for _ in range(100_000):
        deep = [deep]
    cyclic: dict[str, Any] = {"code": None, "msg": None, "error": None}
    cyclic["code"] = cyclic["msg"] = cyclic["error"] = cyclic
    nested_text = "[" * 100_000 + "]" * 100_000
    for body in (
        {"code": deep, "msg": deep, "error": deep},
        cyclic,
        nested_text,
        nested_text.encode(),
        {"code": float("nan"), "msg": "x"},
        {"code": "9" * 5000, "msg": "x"},
        {"error": ["E" + ":x" * 100_000]},
        {"error": ["EGeneral:Invalid arguments"] * 10_000},
        b"",
        "   ",
        [],
        0,
    ):
        _check(exchange, 200, body, pickles=False)
        _check(exchange, 500, body, pickles=False)


def test_many_errors_are_all_kept() -> None:
    errors = [f"EFoo:bar {i}" for i in range(1000)]
    error = exchange_errors.classify("kraken", body={"error": errors})
    assert error is not None
    assert error.errors == errors
    assert len(error.details) == 100  # classified one by one up to a bound


def _classes_of(module: str) -> list[type[ExchangeError]]:
    found = importlib.import_module(module)
    return [
        value
        for name in found.__all__
        if isinstance(value := getattr(found, name), type) and issubclass(value, ExchangeError)
    ]


@pytest.mark.parametrize(
    "module", ["exchange_errors", *(f"exchange_errors.{e}" for e in EXCHANGES)]
)
def test_every_class_pickles_copies_and_serialises(module: str) -> None:
    classes = _classes_of(module)
    assert classes
    assert_each(classes, _round_trips)


def _round_trips(cls: type[ExchangeError]) -> None:
    error = cls(
        message='Some "quoted" message\n with a NUL \x00 and \u202e',
        code=-1,
        http_status=400,
        params={"limit": "10"},
        raw=b"\xff raw bytes",
        req_id=3,
    )
    for clone in (pickle.loads(pickle.dumps(error)), copy.deepcopy(error)):
        assert type(clone) is cls
        assert clone.to_dict() == error.to_dict()
        assert clone.args == error.args
    data = json.loads(json.dumps(error.to_dict()))
    assert data["class"] == cls.__name__
    assert data["raw"] == "\\xff raw bytes"
