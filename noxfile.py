"""Sessions: generate (the main job), tests, typecheck, lint, check_generated, build, and
bench and accuracy (not run by CI). A bare `nox` runs what CI needs."""

from __future__ import annotations

import glob
import shutil
from pathlib import Path

import nox

nox.options.sessions = ["check_generated", "tests", "typecheck", "lint", "build"]
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = True

GENERATED_PACKAGE = "generated/exchange_errors"


@nox.session
def generate(session: nox.Session) -> None:
    """Compile spec/ into generated/ and refresh spec/schema.json."""
    session.install("-r", "requirements.txt")
    session.run("python", "-m", "generator", "schema")
    session.run("python", "-m", "generator", "generate")


@nox.session
def check_generated(session: nox.Session) -> None:
    """Fail when generated/ or the JSON Schemas are not what the specs produce."""
    session.install("-r", "requirements.txt")
    session.run("python", "-m", "generator", "check")
    session.run("python", "-m", "generator", "schema", "--check")
    session.run("python", "-m", "generator", "check-generated")


@nox.session
def tests(session: nox.Session) -> None:
    """The whole test suite, mypy --strict on the generated package included."""
    session.install("-r", "requirements-test.txt")
    session.run("pytest", "-n", "auto", *session.posargs)


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict on the generator and on the generated package."""
    session.install("-r", "requirements-test.txt", "nox==2026.10.20")
    session.run("mypy", "--strict", "generator", "noxfile.py")
    session.run("mypy", "--strict", "--python-version", "3.10", GENERATED_PACKAGE)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff and black on the hand-written code."""
    session.install("ruff==0.17.6", "black==26.10.1")
    session.run("ruff", "check", "generator", "tests", "noxfile.py")
    session.run("black", "--check", "generator", "tests", "noxfile.py")


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks that print figures: speed against ccxt and python-kraken-sdk, import time,
    a fuzz run, huge bodies, generation time as the specs grow. The peers are installed here
    only, never as dependencies of the package."""
    session.install("-r", "requirements.txt", "ccxt==4.5.90", "python-kraken-sdk==3.5.1")
    session.run("python", "-m", "tests.benchmarks.run", env={"PYTHONPATH": "generated:."})


@nox.session
def accuracy(session: nox.Session) -> None:
    """The real-response corpus classified by this package and by ccxt, side by side, per
    exchange and API. ccxt is installed here only, never as a dependency of the package."""
    session.install("-r", "requirements.txt", "ccxt==4.5.90")
    session.run("python", "-m", "tests.accuracy.run", env={"PYTHONPATH": "generated:."})


SMOKE_TEST = """
import exchange_errors
from exchange_errors import binance
body = b'{"code":-1121,"msg":"Invalid symbol."}'
error = exchange_errors.classify("binance", status=400, body=body)
assert type(error) is binance.SpotBadSymbolError, type(error)
assert isinstance(error, exchange_errors.BadSymbol)
print("installed", exchange_errors.__version__, "from", exchange_errors.__file__)
"""


@nox.session
def build(session: nox.Session) -> None:
    """Build the wheel and sdist of generated/ into dist/, check their metadata, and install
    the wheel, and generated/ as the README says, in fresh virtual environments that import
    the package and classify."""
    session.install("build==1.6.1", "twine==7.0.0")
    shutil.rmtree("dist", ignore_errors=True)
    session.run("python", "-m", "build", "generated", "--outdir", "dist")
    artifacts = sorted(glob.glob("dist/*"))
    session.run("twine", "check", "--strict", *artifacts)
    wheel = next(a for a in artifacts if a.endswith(".whl"))
    # The wheel, and the README's `pip install ./generated`, each into a fresh environment.
    for name, target in (("smoke", wheel), ("from-checkout", "./generated")):
        venv = Path(session.create_tmp()) / name
        shutil.rmtree(venv, ignore_errors=True)
        session.run("python", "-m", "venv", str(venv))
        python = str(venv / "bin" / "python")
        session.run(python, "-m", "pip", "install", "--quiet", target, external=True)
        session.run(python, "-c", SMOKE_TEST, external=True, env={"PYTHONPATH": ""})
