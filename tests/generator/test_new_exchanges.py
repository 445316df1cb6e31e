"""A new exchange is one YAML file: invented exchanges whose envelopes differ from all real
ones generate, type-check and classify with the generator and templates as they are."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.generator.test_check import run_generator

FIXTURES = ROOT / "tests" / "fixtures" / "exchanges"

EXERCISE = textwrap.dedent("""
    import json, sys
    import exchange_errors as ee
    from exchange_errors import novex, strata, plainhttp

    def show(error):
        if error is None:
            return None
        return [type(error).__name__, error.code, error.category, error.params,
                error.http_status, error.outcome_unknown, error.message,
                [type(d).__name__ for d in error.details]]

    cases = {
        "novex_ok": ee.classify("novex", body=b'{"retCode":0,"retMsg":"OK","result":{}}'),
        "novex_limit": ee.classify("novex", body=b'{"retCode":10006,"retMsg":"Too many visits!"}'),
        "novex_template": novex.classify(
            body={"retCode": 10001, "retMsg": "Illegal category spot2"}),
        "novex_unknown": novex.classify(body={"retCode": 170131, "retMsg": "Something"}),
        "novex_missing": novex.classify(status=200, body={"result": {}}),
        "novex_forbidden": novex.classify(status=403, body=b"<html>blocked</html>"),
        "strata_ok": strata.classify(body={"code": "0", "data": [{"sCode": "0", "sMsg": ""}]}),
        "strata_items": strata.classify(body={
            "code": "1", "msg": "", "data": [
                {"ordId": "", "sCode": "51008",
                 "sMsg": "Order failed. Insufficient USDT balance in account"},
                {"ordId": "", "sCode": "51603", "sMsg": "Order does not exist"},
            ]}),
        "strata_item": strata.classify(body={"code": "1", "msg": "", "data": [
            {"sCode": "51008", "sMsg": "Order failed. Insufficient USDT balance in account"}]}),
        "strata_top": strata.classify(body={"code": "50011", "msg": "Rate limit reached. Please"
            " refer to API documentation and throttle requests accordingly.", "data": []}),
        "plain_ok": plainhttp.classify(status=200, body=b'{"orders": []}'),
        "plain_limit": plainhttp.classify(status=429, body=b'{"error": "slow down"}'),
        "plain_5xx": plainhttp.classify(status=503, body=b"<html>down</html>"),
        "plain_other": plainhttp.classify(status=418, body=b'{"error": "teapot"}'),
    }
    print(json.dumps({k: show(v) for k, v in cases.items()}))
    """)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("invented")
    (root / "spec" / "exchanges").mkdir(parents=True)
    shutil.copy(ROOT / "spec" / "taxonomy.yaml", root / "spec")
    shutil.copy(ROOT / "spec" / "package.yaml", root / "spec")
    for spec in FIXTURES.glob("*.yaml"):
        shutil.copy(spec, root / "spec" / "exchanges")
    result = run_generator(root, "generate")
    assert result.returncode == 0, result.stderr
    return root / "generated"


def test_invented_exchanges_type_check(generated: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "exchange_errors"],
        cwd=generated,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def test_invented_exchanges_classify(generated: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", EXERCISE],
        cwd=generated,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["novex_ok"] is None
    assert found["novex_limit"][:3] == ["TooManyVisitsError", 10006, "rate_limited"]
    assert found["novex_template"][:4] == ["ParamsError", 10001, "bad_request", {"value": "spot2"}]
    assert found["novex_unknown"][:2] == ["NovexAPIError", 170131]
    assert found["novex_missing"][0] == "NovexInvalidResponse"
    assert found["novex_forbidden"][0] == "HttpForbiddenError"
    assert found["strata_ok"] is None
    # Each item's own code decides; the most specific of them stands for the response.
    name, code, category, *_rest, details = found["strata_items"]
    assert (name, code, category) == ("OrderDoesNotExistError", "51603", "order_not_found")
    assert details == ["InsufficientBalanceError", "OrderDoesNotExistError"]
    assert found["strata_item"][:4] == [
        "InsufficientBalanceError",
        "51008",
        "insufficient_funds",
        {"currency": "USDT"},
    ]
    assert found["strata_top"][:3] == ["RateLimitReachedError", "50011", "rate_limited"]
    assert found["plain_ok"] is None
    assert found["plain_limit"][0] == "TooManyRequestsError"
    assert found["plain_limit"][6] == "slow down"
    assert found["plain_5xx"][0] == "ServerError" and found["plain_5xx"][5] is True
    assert found["plain_other"][0] == "PlainhttpUnexpectedStatus"


def test_new_exchange_skeleton_passes_check_and_generates(tmp_path: Path) -> None:
    (tmp_path / "spec").mkdir()
    shutil.copy(ROOT / "spec" / "taxonomy.yaml", tmp_path / "spec")
    shutil.copy(ROOT / "spec" / "package.yaml", tmp_path / "spec")
    created = run_generator(tmp_path, "new-exchange", "acme_markets", "--name", "Acme Markets")
    assert created.returncode == 0, created.stderr
    text = (tmp_path / "spec" / "exchanges" / "acme_markets.yaml").read_text()
    assert text.startswith("# Acme Markets error codes.")
    assert run_generator(tmp_path, "check").returncode == 0
    assert run_generator(tmp_path, "generate").returncode == 0
    assert (tmp_path / "generated" / "exchange_errors" / "acme_markets" / "__init__.py").is_file()
    again = run_generator(tmp_path, "new-exchange", "acme_markets")
    assert again.returncode == 2 and "exists already" in again.stderr
    bad = run_generator(tmp_path, "new-exchange", "import")
    assert bad.returncode == 2 and "keyword" in bad.stderr
