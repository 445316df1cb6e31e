"""Documented classes and code enums are created on first use, each exactly once, and behave
as if the module had defined them: attribute access, matching, enums, pickling, threads."""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import exchange_errors

GENERATED = Path(exchange_errors.__file__).resolve().parents[1]


def run_fresh(code: str, stdin: bytes = b"") -> str:
    """Run `code` in a fresh interpreter, where nothing has been created yet."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        input=stdin,
        capture_output=True,
        check=True,
        cwd=GENERATED,
    )
    return result.stdout.decode()


def test_importing_a_module_creates_no_documented_class() -> None:
    out = run_fresh("""
        import exchange_errors.binance as binance
        print("FuturesMinNotionalError" in vars(binance), "BinanceFuturesCode" in vars(binance))
        cls = binance.FuturesMinNotionalError
        print(cls is binance.FuturesMinNotionalError, "FuturesMinNotionalError" in vars(binance))
        print(cls.__module__, cls.__qualname__, cls.documented_code, cls.category)
        print("FuturesMinNotionalError" in dir(binance))
        """)
    assert out.split("\n")[:4] == [
        "False False",
        "True True",
        "exchange_errors.binance FuturesMinNotionalError -4164 invalid_order",
        "True",
    ]


def test_threads_that_meet_a_class_first_get_the_same_class() -> None:
    out = run_fresh("""
        import threading
        import exchange_errors
        from exchange_errors import binance
        body = b'{"code":-4164,"msg":"Order\\'s notional must be no smaller than 5"}'
        start, seen = threading.Barrier(8), []
        def work():
            start.wait()
            seen.append(type(exchange_errors.classify("binance", body=body, api="futures")))
        threads = [threading.Thread(target=work) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        print(len(seen), all(c is binance.FuturesMinNotionalError for c in seen))
        """)
    assert out.strip() == "8 True"


def test_an_error_pickled_here_unpickles_where_its_class_does_not_exist_yet() -> None:
    error = exchange_errors.classify(
        "binance",
        status=400,
        body=b'{"code":-2019,"msg":"Margin is insufficient."}',
        api="futures",
    )
    assert error is not None
    out = run_fresh(
        """
        import pickle, sys
        import exchange_errors
        error = pickle.loads(sys.stdin.buffer.read())
        funds = isinstance(error, exchange_errors.InsufficientFunds)
        print(type(error).__qualname__, error.code, funds)
        """,
        stdin=pickle.dumps(error),
    )
    assert out.strip() == "FuturesMarginNotSufficienError -2019 True"


def test_an_unknown_attribute_is_still_an_attribute_error() -> None:
    from exchange_errors import binance

    try:
        binance.NoSuchError  # noqa: B018
    except AttributeError as exc:
        assert "NoSuchError" in str(exc)
    else:
        raise AssertionError("an unknown name resolved")


def test_an_apis_module_gives_its_classes_and_enum_as_the_package_does() -> None:
    # Type checkers see the classes declared in the API's module: importing them from there
    # works at run time too, and gives the package's very objects.
    out = run_fresh("""
        from exchange_errors.binance.futures import BinanceFuturesCode, FuturesMinNotionalError
        import exchange_errors.binance as binance
        print(FuturesMinNotionalError is binance.FuturesMinNotionalError)
        print(BinanceFuturesCode is binance.BinanceFuturesCode)
        namespace = {}
        exec("from exchange_errors.kraken.spot import *", namespace)
        print(sorted(n for n in namespace if n.startswith("Order"))[:2])
        import exchange_errors.kraken.spot as spot
        try:
            spot.NoSuchError
        except AttributeError as error:
            print(error)
        """)
    assert out.split("\n")[:4] == [
        "True",
        "True",
        "['OrderCannotOpenOpposingPositionError', 'OrderCannotOpenPositionError']",
        "module 'exchange_errors.kraken.spot' has no attribute 'NoSuchError'",
    ]
