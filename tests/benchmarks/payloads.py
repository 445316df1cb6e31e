"""The response bodies the benchmarks classify: per exchange, a known code, an unknown code,
and a message that only a template or a detail rule matches. Each payload but the documented
ones also has a form whose text varies (`%d` stands for a number), so that every body is
an error never seen before, not only a body never seen before."""

from __future__ import annotations

from typing import NamedTuple


class Payload(NamedTuple):
    exchange: str
    kind: str
    status: int
    body: bytes
    api: str | None = None
    # The body with a number in its text: a new error in every body.
    varied: bytes | None = None


PAYLOADS = [
    Payload("kraken", "known", 200, b'{"error":["EOrder:Insufficient funds"],"result":{}}'),
    Payload(
        "kraken",
        "unknown",
        200,
        b'{"error":["EFoo:Something new"],"result":{}}',
        varied=b'{"error":["EFoo:Something new %d"],"result":{}}',
    ),
    Payload(
        "kraken",
        "detail",
        200,
        b'{"error":["EGeneral:Invalid arguments:volume"]}',
        varied=b'{"error":["EGeneral:Invalid arguments:volume %d"]}',
    ),
    Payload("kucoin", "known", 200, b'{"code":"200004","msg":"Balance insufficient!"}', "spot"),
    Payload(
        "kucoin",
        "unknown",
        400,
        b'{"code":"499999","msg":"Something new"}',
        "spot",
        varied=b'{"code":"499999","msg":"Something new %d"}',
    ),
    Payload(
        "kucoin",
        "template",
        200,
        b'{"code":"300001","msg":"Active order quantity limit exceeded'
        b' (limit: 200, current: 200)"}',
        "futures",
        varied=b'{"code":"300001","msg":"Active order quantity limit exceeded'
        b' (limit: 200, current: %d)"}',
    ),
    Payload("binance", "known", 400, b'{"code":-1121,"msg":"Invalid symbol."}'),
    Payload(
        "binance",
        "unknown",
        400,
        b'{"code":-9999,"msg":"Something new."}',
        varied=b'{"code":-9999,"msg":"Something new %d."}',
    ),
    Payload(
        "binance",
        "template",
        429,
        b'{"code":-1015,"msg":"Too many new orders; current limit is 50 orders per 10 SECOND."}',
        varied=b'{"code":-1015,"msg":"Too many new orders; current limit is %d orders per 10'
        b' SECOND."}',
    ),
    Payload("okx", "known", 200, b'{"code":"51000","data":[],"msg":"Parameter px error"}'),
    Payload(
        "okx",
        "batch",
        200,
        b'{"code":"1","data":[{"clOrdId":"","ordId":"","sCode":"51008","sMsg":"Order failed.'
        b' Insufficient USDT balance in account.","tag":""}],"msg":""}',
        varied=b'{"code":"1","data":[{"clOrdId":"","ordId":"","sCode":"51008","sMsg":"Order'
        b' failed. Insufficient USDT balance in account.","tag":"%d"}],"msg":""}',
    ),
    Payload(
        "bybit",
        "known",
        200,
        b'{"retCode":110007,"retMsg":"ab not enough for new order","result":{},"retExtInfo":{},'
        b'"time":1700000000000}',
    ),
]


RING = 2048  # distinct bodies of one error
# More distinct errors than the classifier records per API (_lane.KNOWN_ERRORS): every call
# meets an error it has not recorded.
NEW_ERRORS = 10_000


def variants(body: bytes, count: int = RING) -> list[bytes]:
    """`count` bodies equal as JSON but distinct as text: the variant's number written in six
    of JSON's four whitespace characters after the first brace, so no cache can answer them
    and the bodies stay about as short as real ones."""
    assert body.startswith(b"{") and count <= 4**6
    spaces = (b" ", b"\t", b"\n", b"\r")
    return [
        b"{" + b"".join(spaces[(i >> (2 * d)) & 3] for d in range(6)) + body[1:]
        for i in range(count)
    ]


def new_errors(payload: Payload, count: int = NEW_ERRORS) -> list[bytes] | None:
    """`count` bodies of the payload's varied form, each a different error; None for a
    documented payload, whose error cannot vary."""
    if payload.varied is None:
        return None
    return [payload.varied % number for number in range(count)]
