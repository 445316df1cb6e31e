"""Command line: python -m generator {check,generate,check-generated,schema,diff,new-exchange}."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

from .diagnostics import SpecError
from .diff import diff_against, prepend_changelog
from .naming import identifier_problem
from .pipeline import TEMPLATES, build_files
from .project import EXCHANGES, load_project
from .render import environment
from .schema import exchange_json_schema, taxonomy_json_schema
from .specmodel.outcome import IDENTIFIER
from .write import replace_tree, tree_differences

SCHEMAS = {
    "spec/schema.json": exchange_json_schema,
    "spec/taxonomy.schema.json": taxonomy_json_schema,
}


def _report(error: SpecError) -> int:
    for diagnostic in error.diagnostics:
        print(diagnostic, file=sys.stderr)
    count = len(error.diagnostics)
    print(
        f"{count} problem{'s' if count != 1 else ''} found; nothing was written.", file=sys.stderr
    )
    return 2


def cmd_check(args: argparse.Namespace) -> int:
    root = Path(args.root)
    paths = [Path(p) for p in args.files] or None
    try:
        project = load_project(root, paths)
    except SpecError as error:
        return _report(error)
    for exchange in project.exchanges:
        codes = sum(len(scope.errors) for scope in exchange.scopes)
        print(
            f"{exchange.spec_path}: ok, {len(exchange.scopes)} scope(s), {codes} codes,"
            f" {len(exchange.outcomes)} meanings"
        )
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    root = Path(args.root)
    try:
        files = build_files(root, fresh=args.fresh)
    except SpecError as error:
        return _report(error)
    out = Path(args.out) if args.out else root / "generated"
    replace_tree(out, files)
    print(f"wrote {len(files)} files to {out}")
    return 0


def cmd_check_generated(args: argparse.Namespace) -> int:
    root = Path(args.root)
    try:
        files = build_files(root, fresh=args.fresh)
    except SpecError as error:
        return _report(error)
    problems = tree_differences(files, root / "generated")
    if problems:
        for problem in problems:
            print(f"generated/ is out of date: {problem}", file=sys.stderr)
        print("fix it with: nox -s generate  (or: python -m generator generate)", file=sys.stderr)
        return 1
    print(f"generated/ is up to date ({len(files)} files)")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    root = Path(args.root)
    stale = []
    for relative, make in SCHEMAS.items():
        text = json.dumps(make(), indent=2, ensure_ascii=False) + "\n"
        target = root / relative
        if args.check:
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                stale.append(relative)
        else:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {relative}")
    for relative in stale:
        print(
            f"{relative} is out of date; fix it with: python -m generator schema", file=sys.stderr
        )
    return 1 if stale else 0


def cmd_new_exchange(args: argparse.Namespace) -> int:
    exchange_id = args.id
    problem = identifier_problem(exchange_id)
    if problem or not re.fullmatch(IDENTIFIER, exchange_id):
        print(
            f"error: {problem or repr(exchange_id) + ' is not a lower-case identifier'}",
            file=sys.stderr,
        )
        return 2
    target = Path(args.root) / EXCHANGES / f"{exchange_id}.yaml"
    if target.exists():
        print(f"error: {target} exists already", file=sys.stderr)
        return 2
    text = (
        environment(TEMPLATES)
        .get_template("new_exchange.yaml.jinja")
        .render(exchange_id=exchange_id, name=args.name or exchange_id.replace("_", " ").title())
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}; fill it in, then run: python -m generator check")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    root = Path(args.root)
    try:
        report = diff_against(root, args.ref)
    except SpecError as error:
        return _report(error)
    except subprocess.CalledProcessError as error:
        print(
            f"error: cannot read spec/ at {args.ref!r}: {error.stderr.decode().strip()}",
            file=sys.stderr,
        )
        return 2
    version = report.new_version
    print(report.markdown(f"## {version} (compared with {args.ref}, {report.old_version})"))
    if report.bump == "none":
        print("No version bump needed.")
    else:
        print(
            f"Needs a {report.bump} version bump: {report.old_version} -> at least"
            f" {report.suggested_version()}; spec/package.yaml says {version}."
        )
    if args.changelog:
        changelog = root / "generated" / "CHANGELOG.md"
        changelog.parent.mkdir(parents=True, exist_ok=True)
        prepend_changelog(changelog, report.markdown(f"## {version}"))
        print("wrote generated/CHANGELOG.md")
    if args.check and not report.version_is_enough():
        print(
            f"error: bump version in spec/package.yaml to {report.suggested_version()}",
            file=sys.stderr,
        )
        return 1
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    main.add_argument("--root", default=".", help="project folder holding spec/ (default: .)")
    commands = main.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the specs; exit 2 with every problem")
    check.add_argument("files", nargs="*", help="exchange specs to check (default: all)")
    check.set_defaults(run=cmd_check)
    generate = commands.add_parser("generate", help="compile spec/ into generated/")
    generate.add_argument("--out", help="output folder (default: generated/)")
    generate.add_argument(
        "--fresh", action="store_true", help="build again even when no input changed"
    )
    generate.set_defaults(run=cmd_generate)
    drift = commands.add_parser("check-generated", help="fail when generated/ is out of date")
    drift.add_argument(
        "--fresh", action="store_true", help="build again even when no input changed"
    )
    drift.set_defaults(run=cmd_check_generated)
    schema = commands.add_parser("schema", help="write spec/schema.json from the format")
    schema.add_argument("--check", action="store_true", help="only fail when it is out of date")
    schema.set_defaults(run=cmd_schema)
    diff = commands.add_parser("diff", help="what changed since a git ref, and the bump it needs")
    diff.add_argument("ref", help="git ref to compare with, e.g. v0.1.0 or HEAD~1")
    diff.add_argument("--changelog", action="store_true", help="prepend generated/CHANGELOG.md")
    diff.add_argument("--check", action="store_true", help="fail when the version is too low")
    diff.set_defaults(run=cmd_diff)
    new = commands.add_parser("new-exchange", help="write a commented skeleton spec")
    new.add_argument("id", help="exchange id: lower-case identifier, the module name")
    new.add_argument("--name", help="display name (default: from the id)")
    new.set_defaults(run=cmd_new_exchange)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.run(args))
