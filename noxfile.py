"""Sessions: generate (the main job), tests, typecheck, lint, check_generated. A bare `nox`
runs what CI needs."""

from __future__ import annotations

import nox

nox.options.sessions = ["check_generated", "tests", "typecheck", "lint"]
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
    session.run("pytest", *session.posargs)


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
