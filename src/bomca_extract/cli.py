"""Command line: `bomca-extract extract [PATHS...] --out DIR`."""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from . import __version__
from .batch.cache import ResultCache
from .batch.documents import DEFAULT_TIME_LIMIT
from .batch.engines import Engine, EngineUnavailable, LocalEngine, warm_up
from .batch.inputs import collect_inputs
from .batch.locking import OutputBusy, output_lock
from .batch.run import BatchOptions, BatchResult, run_batch
from .evaluation.gold import below_floors, load_gold, score, unknown_floors
from .evaluation.ner import evaluate as evaluate_ner
from .evaluation.ner import load_factru
from .extractors.resources import build_resources
from .output.folder import OutputNotOurs, OutputWriter, remove_stale_temporaries
from .readers.reading import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, ReadLimits, path_text
from .review.annotation import DEFAULT_NAMES, export_tasks, label_config_path
from .review.annotation import FORMATS as EXPORT_FORMATS
from .review.corrections import import_corrections

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_BUSY, EXIT_OUTPUT, EXIT_BUG, EXIT_DATA = 0, 1, 2, 3, 4, 5, 6
_MB = 1024 * 1024
DEFAULT_GOLD = Path("tests/fixtures/gold")
DEFAULT_FACTRU = Path("../shared/corpora/factru/testset")


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
            "and clean/<doc_id>.txt to --out. Documents whose bytes and pipeline version are unchanged since "
            "the last run into the same --out are taken from its cache. Exit status: 0 all documents "
            "extracted (or at most --max-errors failed), 1 some failed (all tables are still written), "
            "2 usage error (no input files included), 3 another run is writing to --out, 4 --out cannot be "
            "written, 5 an internal error (a bug: please report the traceback), 6 a data file of the package "
            "is wrong."
        ),
    )
    extract.add_argument(
        "paths", nargs="*", type=Path, default=[Path("data/raw")], help="files or folders (default: data/raw)"
    )
    extract.add_argument("--out", type=Path, default=Path("data/out"), help="output folder (default: data/out)")
    extract.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")
    extract.add_argument(
        "--verbose", action="store_true", help="log at INFO level, Dask's scheduler and workers included"
    )
    extract.add_argument("--force", action="store_true", help="process every document again, ignoring the cache")
    extract.add_argument(
        "--max-errors",
        type=_non_negative_int,
        default=0,
        metavar="N",
        help="exit 0 while at most N documents failed, for scheduled runs where one stray file must not "
        "fail the job (default: %(default)s; the failures are still rows of documents and listed on stderr)",
    )
    extract.add_argument(
        "--workers",
        type=_positive_int,
        default=os.cpu_count() or 1,
        help="worker processes, each loading the models once (default: the number of cores, %(default)s)",
    )
    extract.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local: this machine's processes; dask: a Dask distributed cluster (default: local)",
    )
    extract.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: the scheduler of an existing cluster (tcp://host:8786); "
        "without it a LocalCluster of --workers processes is started",
    )
    extract.add_argument(
        "--partitioned",
        action="store_true",
        help="also write documents/ and mentions/ as Parquet datasets partitioned by publication year",
    )
    extract.add_argument(
        "--max-mb",
        type=_positive,
        default=DEFAULT_MAX_BYTES / _MB,
        help="skip files larger than this (default: %(default)g MB)",
    )
    extract.add_argument(
        "--max-chars",
        type=_positive_int,
        default=DEFAULT_MAX_CHARS,
        help="refuse a file whose text is longer than this many characters; bounds a worker's memory "
        "(default: %(default)d)",
    )
    extract.add_argument(
        "--time-limit",
        type=_positive,
        default=DEFAULT_TIME_LIMIT,
        help="stop reading, and then extracting, a document after this many seconds each (default: %(default)g)",
    )
    extract.set_defaults(run=run_extract)

    evaluate = commands.add_parser(
        "eval",
        help="score the pipeline on gold fixtures",
        description=(
            "Run the real pipeline on the documents named by the gold files in --gold and print precision, "
            "recall and F1 per mention field, accuracy per document field, and every miss. With --floors, "
            "exit 1 when a score is below its floor."
        ),
    )
    evaluate.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help=f"gold folder (default: {DEFAULT_GOLD})")
    evaluate.add_argument("--floors", type=Path, help="JSON file of minimum scores per field")
    evaluate.set_defaults(run=run_eval)

    eval_ner = commands.add_parser(
        "eval-ner",
        help="score organisations and places on factRuEval-2016 next to bare natasha NER",
        description=(
            "Score the pipeline's organisation and place extraction and bare natasha NER on a factRuEval-2016 folder."
        ),
    )
    eval_ner.add_argument(
        "--corpus", type=Path, default=DEFAULT_FACTRU, help=f"factRuEval folder (default: {DEFAULT_FACTRU})"
    )
    eval_ner.set_defaults(run=run_eval_ner)

    report = commands.add_parser(
        "report",
        help="write an HTML review of a run's output",
        description=(
            "Read the tables and clean texts an extract run wrote to --out and write --out/report/: "
            "index.html (a sortable, filterable documents table, plots, a map of event cities, the error "
            "documents) and docs/<doc_id>.html (the clean text with every mention highlighted and the removed "
            "boilerplate folded in place). The pages are self-contained: they open offline."
        ),
    )
    _add_run_folder(report)
    report.set_defaults(run=run_report)

    export = commands.add_parser(
        "export",
        help="write a run's texts and mentions for review in Label Studio or doccano",
        description=(
            "Write the clean texts of the run in --out with its mentions as pre-annotations: Label Studio "
            "tasks (JSON, with a labelling config XML beside them) or doccano JSONL. Error documents have no "
            "text and are left out."
        ),
    )
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="the annotation tool's format")
    _add_run_folder(export)
    export.add_argument("--to", type=Path, metavar="FILE", help="where to write (default: a file in --out)")
    export.set_defaults(run=run_export)

    corrections = commands.add_parser(
        "import-corrections",
        help="turn a reviewed Label Studio or doccano export into gold files",
        description=(
            "Read a reviewed export (Label Studio .json, doccano .jsonl) and write one gold file per reviewed "
            "document to --gold, in the format `bomca-extract eval --gold` scores. A document's fields are "
            "copied from the run; events are not reviewed and are left out."
        ),
    )
    corrections.add_argument("file", type=Path, help="the reviewed export")
    corrections.add_argument(
        "--gold", type=Path, default=Path("data/gold"), help="folder for the gold files (default: data/gold)"
    )
    corrections.set_defaults(run=run_import_corrections)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    logging.basicConfig(level=_log_level(args), format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.run(args, parser)
    except Exception:  # not "some documents failed": a bug, with its own status
        traceback.print_exc()
        print("bomca-extract: internal error (a bug): please report the traceback above", file=sys.stderr)
        return EXIT_BUG


def run_extract(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    started = time.perf_counter()
    try:
        files = collect_inputs(args.paths, outside=args.out)
    except FileNotFoundError as exc:
        return _usage_error(parser, str(exc))
    if not files:
        paths = " ".join(str(p) for p in args.paths)
        return _usage_error(
            parser, f"no input files in {paths} (outside --out); the tables in {args.out} are left as they are"
        )
    try:
        warm_up()  # the models, and every data file checked, before anything is read or written
    except ValueError as exc:
        print(f"bomca-extract: a data file is wrong: {exc}", file=sys.stderr)
        return EXIT_DATA
    limits = ReadLimits(max_bytes=int(args.max_mb * _MB), max_chars=args.max_chars)
    options = BatchOptions(limits=limits, time_limit=args.time_limit, force=args.force)
    try:
        with output_lock(args.out):
            remove_stale_temporaries(args.out)
            cache = ResultCache(args.out)
            with OutputWriter(args.out, partitioned=args.partitioned) as output:
                result = _run_batch(args, files, options, cache=cache, output=output)
                output.commit()
            cache.prune()
    except EngineUnavailable as exc:
        return _usage_error(parser, str(exc))
    except OutputBusy as exc:
        print(f"bomca-extract: {exc}", file=sys.stderr)
        return EXIT_BUSY
    except OutputNotOurs as exc:
        print(f"bomca-extract: cannot write to --out {args.out}: {exc}", file=sys.stderr)
        return EXIT_OUTPUT
    except OSError as exc:
        where = f" ({path_text(exc.filename)})" if exc.filename else ""
        print(f"bomca-extract: cannot write to --out {args.out}: {exc.strerror or exc}{where}", file=sys.stderr)
        return EXIT_OUTPUT
    print(result.summary(time.perf_counter() - started))
    for outcome in result.outcomes:
        if not outcome.ok:
            print(f"  error: {outcome.source}: {outcome.error}", file=sys.stderr)
    return EXIT_SOME_FAILED if result.n_errors > args.max_errors else EXIT_OK


def _run_batch(
    args: argparse.Namespace, files: list[Path], options: BatchOptions, *, cache: ResultCache, output: OutputWriter
) -> BatchResult:
    """The batch on the engine `args` name, behind a progress bar; the engine closed after it, before
    the tables are written."""
    engine = _engine(args)
    try:
        with _progress(len(files), enabled=not args.no_progress) as progress:
            return run_batch(
                files,
                options=options,
                cache=cache,
                progress=progress,
                engine=engine,
                sink=output.add,
                scratch=output.scratch,
            )
    finally:
        engine.close()


def run_eval(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if not args.gold.is_dir():
        return _usage_error(parser, f"no gold folder {args.gold}")
    floors = json.loads(args.floors.read_text("utf-8")) if args.floors else {}
    if unknown := unknown_floors(floors):  # before the run, not after it
        return _usage_error(parser, f"floors file {args.floors}: unknown fields: {', '.join(unknown)}")
    gold = load_gold(args.gold)
    with _progress(len(gold), enabled=True) as progress:
        result = run_batch([document.source for document in gold], progress=progress)
    report = score(gold, result.documents, result.mentions, result.events)
    print(f"{report.n_documents} gold documents\n{report.format()}")
    print("\n".join(["misses:", *report.misses]) if report.misses else "misses: none")
    if args.floors is None:
        return EXIT_OK
    failures = below_floors(report, floors)
    for failure in failures:
        print(f"below floor: {failure}", file=sys.stderr)
    return EXIT_SOME_FAILED if failures else EXIT_OK


def run_eval_ner(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if not args.corpus.is_dir():
        return _usage_error(parser, f"no factRuEval folder {args.corpus}")
    documents = load_factru(args.corpus)
    print(f"{len(documents)} documents, {sum(len(d.spans) for d in documents)} gold ORG/LOC spans in {args.corpus}")
    print(evaluate_ner(documents, build_resources()).format())
    return EXIT_OK


def run_report(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if not (args.out / "documents.parquet").is_file():
        return _no_run_error(parser, args.out)
    from .review.report import write_report  # plotly is imported only for a report

    try:
        with output_lock(args.out):
            index = write_report(args.out)
    except OutputBusy as exc:
        print(f"bomca-extract: {exc}", file=sys.stderr)
        return EXIT_BUSY
    except OSError as exc:
        print(f"bomca-extract: cannot write the report to {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_OUTPUT
    print(f"report: {index}")
    return EXIT_OK


def run_export(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if not (args.out / "documents.parquet").is_file():
        return _no_run_error(parser, args.out)
    destination = args.to or args.out / DEFAULT_NAMES[args.format]
    try:
        export_tasks(args.out, args.format, destination)
    except OSError as exc:
        print(f"bomca-extract: cannot write {destination}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_OUTPUT
    print(f"{args.format} export: {destination}")
    if args.format == "label-studio":
        print(f"labelling config: {label_config_path(destination)}")
    return EXIT_OK


def run_import_corrections(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    try:
        written = import_corrections(args.file, args.gold)
    except ValueError as exc:
        return _usage_error(parser, str(exc))
    except OSError as exc:
        print(f"bomca-extract: cannot write to --gold {args.gold}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_OUTPUT
    print(
        f"{len(written)} gold files in {args.gold}; score the pipeline on them: bomca-extract eval --gold {args.gold}"
    )
    return EXIT_OK


def _add_run_folder(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--out", type=Path, default=Path("data/out"), help="the output folder of an extract run (default: data/out)"
    )


def _no_run_error(parser: argparse.ArgumentParser, out: Path) -> int:
    return _usage_error(parser, f"no extract run in {out}: run `bomca-extract extract ... --out {out}` first")


def _usage_error(parser: argparse.ArgumentParser, message: str) -> int:
    parser.print_usage(sys.stderr)
    print(f"bomca-extract: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _engine(args: argparse.Namespace) -> Engine:
    if args.engine == "dask":
        from .batch.dask_engine import DaskEngine  # importing distributed sets its loggers to INFO

        logging.getLogger("distributed").setLevel(_log_level(args))
        return DaskEngine(args.scheduler, workers=args.workers)
    return LocalEngine(args.workers)


def _log_level(args: argparse.Namespace) -> int:
    return logging.INFO if getattr(args, "verbose", False) else logging.WARNING


def _positive(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not (math.isfinite(number) and number > 0):
        raise argparse.ArgumentTypeError(f"must be a positive finite number, not {value}")
    return number


def _positive_int(value: str) -> int:
    return _whole_number(value, minimum=1)


def _non_negative_int(value: str) -> int:
    return _whole_number(value, minimum=0)


def _whole_number(value: str, *, minimum: int) -> int:
    try:
        number = int(value)
    except ValueError:
        number = minimum - 1
    if number < minimum:
        kind = "positive whole number" + (" or 0" if minimum == 0 else "")
        raise argparse.ArgumentTypeError(f"must be a {kind}, not {value}")
    return number


@contextmanager
def _progress(total: int, *, enabled: bool) -> Iterator[Callable[[], None] | None]:
    """A bar on stderr when it is a terminal, advanced once per document and closed (at 100 %) on
    leaving, so the summary after it starts on a line of its own."""
    if not (enabled and sys.stderr.isatty()):
        yield None
        return
    from tqdm import tqdm

    with tqdm(total=total, desc="extracting", unit="doc", file=sys.stderr) as bar:
        yield lambda: bar.update(1)
