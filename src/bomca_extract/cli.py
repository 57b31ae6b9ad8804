"""Command line: `bomca-extract extract [PATHS...] --out DIR`."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from . import __version__
from .batch import collect_inputs, run_batch, write_outputs

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bomca-extract",
        description="Turn press releases into documents and mentions tables (CSV and Parquet).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    extract = commands.add_parser(
        "extract",
        help="extract facts from release files",
        description=(
            "Read every file under PATHS, extract dates, places, organisations, participant counts and euro "
            "amounts, and write documents.{csv,parquet}, mentions.{csv,parquet}, boilerplate.{csv,parquet} "
            "and clean/<doc_id>.txt to --out. Exit status: 0 all documents extracted, 1 some failed "
            "(all tables are still written), 2 usage error."
        ),
    )
    extract.add_argument("paths", nargs="*", type=Path, default=[Path("data/raw")], help="files or folders (default: data/raw)")
    extract.add_argument("--out", type=Path, default=Path("data/out"), help="output folder (default: data/out)")
    extract.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    return run_extract(args, parser)


def run_extract(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    try:
        files = collect_inputs(args.paths)
    except FileNotFoundError as exc:
        parser.print_usage(sys.stderr)
        print(f"bomca-extract: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.out.exists() and not args.out.is_dir():
        print(f"bomca-extract: error: --out {args.out} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    result = run_batch(files, progress=_progress(len(files), enabled=not args.no_progress))
    write_outputs(result, args.out)
    print(result.summary())
    for row in result.documents:
        if row["status"] == "error":
            print(f"  error: {row['source']}: {row['error']}", file=sys.stderr)
    return EXIT_SOME_FAILED if result.n_errors else EXIT_OK


def _progress(total: int, *, enabled: bool):
    if not (enabled and sys.stderr.isatty()):
        return None
    from tqdm import tqdm

    return iter(tqdm(range(total), desc="extracting", unit="doc", file=sys.stderr))
