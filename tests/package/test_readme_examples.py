"""The package README's examples run: every Python block of generated/README.md is executed
with the real HTTP clients (requests, httpx, aiohttp) and ccxt, their requests sent to a server
on the loopback interface that answers as the exchanges do."""

from __future__ import annotations

import json
import re
import threading
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import aiohttp
import exchange_errors
import httpx
import pytest
import requests

from tests.conftest import ROOT

README = (ROOT / "generated" / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)

# What the exchanges answer, by path: (status, headers, body).
ANSWERS: dict[str, tuple[int, dict[str, str], dict[str, Any]]] = {
    "/fapi/v1/order": (400, {}, {"code": -2019, "msg": "Margin is insufficient."}),
    "/api/v1/orders": (
        429,
        {"gw-ratelimit-reset": "1500"},
        {"code": "429000", "msg": "Too Many Requests"},
    ),
    "/0/public/Ticker": (200, {}, {"error": ["EQuery:Unknown asset pair"]}),
}
# A rate limit first, then the order: the retry loop's way through (set by _names()).
ORDER_ANSWERS: list[tuple[int, dict[str, str], dict[str, Any]]] = []
UNAUTHORIZED = (401, {}, {"code": -2015, "msg": "Invalid API-key, IP, or permissions for action."})


class _Exchange(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        path = urlsplit(self.path).path
        if path == "/api/v3/order":
            status, headers, body = ORDER_ANSWERS.pop(0) if ORDER_ANSWERS else UNAUTHORIZED
        else:
            status, headers, body = ANSWERS.get(path, UNAUTHORIZED)
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    # http.server dispatches to these names.
    do_GET = do_POST = do_DELETE = _answer  # noqa: N815

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def loopback() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Exchange)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def to_loopback(loopback: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every exchange URL the clients are given goes to the loopback server instead, path and
    query kept; the clients themselves are untouched."""
    base = urlsplit(loopback)

    def moved(url: object) -> str:
        parts = urlsplit(str(url))
        return urlunsplit((base.scheme, base.netloc, parts.path, parts.query, ""))

    session_request = requests.Session.request
    monkeypatch.setattr(
        requests.Session,
        "request",
        lambda self, method, url, *a, **k: session_request(self, method, moved(url), *a, **k),
    )
    build_request = httpx.Client.build_request
    monkeypatch.setattr(
        httpx.Client,
        "build_request",
        lambda self, method, url, *a, **k: build_request(self, method, moved(url), *a, **k),
    )
    aiohttp_request = aiohttp.ClientSession._request
    monkeypatch.setattr(
        aiohttp.ClientSession,
        "_request",
        lambda self, method, url, *a, **k: aiohttp_request(self, method, moved(url), *a, **k),
    )


def _names() -> dict[str, Any]:
    """What the examples leave to the reader's program; the order endpoint starts over."""
    ORDER_ANSWERS[:] = [
        (429, {"Retry-After": "0"}, {"code": -1003, "msg": "Too many requests."}),
        (200, {}, {"orderId": 28, "status": "NEW"}),
    ]
    queue: list[object] = []
    return {
        "lookup": lambda client_order_id: {"clientOrderId": client_order_id},
        "refresh_token": None,
        "pending": {},
        "queue": type("Queue", (), {"put_nowait": staticmethod(queue.append)})(),
        "crc32": zlib.crc32,
        "book": b"bids and asks",
        "checksum": 0,
        "symbol": "XBT/USD",
        "_queued": queue,
    }


def test_the_readme_has_its_examples() -> None:
    assert len(BLOCKS) >= 6
    assert any("classify_response" in block and "aiohttp" in block for block in BLOCKS)
    assert any("from_ccxt" in block for block in BLOCKS)
    assert any("outcome_unknown" in block and "retry_after" in block for block in BLOCKS)


@pytest.mark.usefixtures("to_loopback")
@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: b.strip().splitlines()[-1][:40])
def test_every_example_runs(block: str) -> None:
    names = _names()
    exec(compile(block, "README.md", "exec"), names)
    if "place" in names:  # the retry loop: a rate limit, then the order
        assert names["place"]({"symbol": "BTCUSDT", "newClientOrderId": "x1"})["orderId"] == 28


@pytest.mark.usefixtures("to_loopback")
def test_the_http_client_example_gives_what_it_says() -> None:
    block = next(b for b in BLOCKS if "aclassify_response" in b)
    names = _names()
    exec(compile(block, "README.md", "exec"), names)
    assert isinstance(names["error"], exchange_errors.BadSymbol)  # Kraken's unknown pair
    assert names["wait"] == 1.5
    futures = exchange_errors.classify_response(
        "binance", requests.post("https://fapi.binance.com/fapi/v1/order")
    )
    assert isinstance(futures, exchange_errors.InsufficientFunds) and futures.api == "futures"


@pytest.mark.usefixtures("to_loopback")
def test_the_ccxt_example_catches_the_exchange_error(capsys: pytest.CaptureFixture[str]) -> None:
    block = next(b for b in BLOCKS if "from_ccxt" in b)
    exec(compile(block, "README.md", "exec"), _names())
    printed = capsys.readouterr().out
    assert printed.startswith("-2015 ") and "https://" in printed
