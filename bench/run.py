"""Benchmark: bare natasha (segmentation + NER) against the full `extract` pipeline on the same texts.

    make bench                       # or: .venv/bin/python bench/run.py [--scale 10000] [--repeat-to 2000]
    .venv/bin/python bench/run.py --scale 1000 10000 --scale-only    # the client's memory at two scales

Corpora: the factRuEval-2016 dev and test news texts, each distinct text once (skipped, with the
reason, when ../shared is absent) and the gold fixtures repeated to --repeat-to documents. Each
measurement runs in its own fresh process (`python bench/run.py measure ...`), so model load time
and peak RSS are its own. Prints docs/s, KB/s, the time ratio pipeline/natasha after start-up and
as whole processes, the time from a process's start to its first document, a per-stage breakdown
of the pipeline, model load time, peak RSS per worker, the speedup of 2 workers over 1, and
--scale runs of ~5 KB documents through the command line's `extract`, each with the peak RSS of
the client process (which writes the tables) apart from that of its worker processes, so that
two scales show whether the client's memory grows with the number of documents.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FACTRU = ROOT.parent / "shared" / "corpora" / "factru"
FACTRU_SETS = ("devset", "testset")
FIXTURES = [
    *sorted((ROOT / "data" / "raw").glob("*.txt")),
    *sorted((ROOT / "tests" / "fixtures" / "releases").iterdir()),
]


def measure_natasha(folder: Path) -> dict:
    started = time.perf_counter()
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    imports, started = time.perf_counter() - started, time.perf_counter()
    segmenter, tagger = Segmenter(), NewsNERTagger(NewsEmbedding())
    load = time.perf_counter() - started
    texts = [path.read_text("utf-8-sig", errors="replace") for path in sorted(folder.iterdir())]
    started, first_done_at = time.perf_counter(), None
    for text in texts:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        first_done_at = first_done_at or time.time()
    seconds = time.perf_counter() - started
    return {
        "imports": imports,
        "load": load,
        "seconds": seconds,
        "rss_mb": _peak_rss_mb(children=False),
        "first_done_at": first_done_at,
    }


def measure_pipeline(folder: Path, workers: int) -> dict:
    started = time.perf_counter()
    from bomca_extract import timing
    from bomca_extract.batch.engines import LocalEngine, warm_up
    from bomca_extract.batch.inputs import collect_inputs
    from bomca_extract.batch.run import run_batch
    from bomca_extract.output.folder import OutputWriter

    imports, started = time.perf_counter() - started, time.perf_counter()
    if workers == 1:
        warm_up()
    load = time.perf_counter() - started
    timing.enable()
    files = collect_inputs([folder])
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        engine = LocalEngine(workers)
        if workers > 1:
            # start the workers and load their models first
            list(engine.map(_noop, list(range(workers * 4)), lost=None))
            started = time.perf_counter()
        first_done = []
        with OutputWriter(Path(out)) as output:  # the tables written as the documents arrive, as `extract` does
            result = run_batch(
                files,
                engine=engine,
                progress=lambda: first_done or first_done.append(time.time()),
                sink=output.add,
                scratch=output.scratch,
            )
            engine.close()
            output.commit()
        seconds = time.perf_counter() - started
    rss = _peak_rss_mb(children=workers > 1)
    stages = timing.totals()
    return {
        "imports": imports,
        "load": load,
        "seconds": seconds,
        "stages": stages,
        "rss_mb": rss,
        "errors": result.n_errors,
        "first_error": next((outcome.error for outcome in result.outcomes if outcome.error), None),
        "first_done_at": first_done[0] if first_done else time.time(),
    }


def measure_cli(folder: Path, workers: int) -> dict:
    """`bomca-extract extract` as a user runs it, models and writing included; the client's peak RSS
    apart from the workers' (the largest of them)."""
    import pyarrow.parquet as pq

    from bomca_extract.cli import main

    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        status = main(["extract", str(folder), "--out", out, "--workers", str(workers), "--no-progress"])
        seconds = time.perf_counter() - started
        client, children = _peak_rss_mb(children=False), _peak_rss_mb(children=True)
        statuses = pq.read_table(Path(out) / "documents.parquet", columns=["status"]).column("status").to_pylist()
    return {
        "seconds": seconds,
        "status": status,
        "errors": statuses.count("error"),
        "client_rss_mb": client,
        "workers_rss_mb": children if workers > 1 else None,
    }


def _noop(chunk: list) -> list:
    return chunk


def _peak_rss_mb(*, children: bool) -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF)
    return usage.ru_maxrss / 1024


def run_measurement(kind: str, folder: Path, workers: int = 1) -> dict:
    """One measurement in a fresh process; `whole` is that process's wall time from outside,
    `to_first` the time from its start until its first document was done."""
    command = [sys.executable, __file__, "measure", kind, str(folder), "--workers", str(workers)]
    started = time.time()
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if "first_done_at" in result:
        result["to_first"] = result["first_done_at"] - started
    return result | {"whole": time.time() - started}


def report_scale(counts: list[int], workers: int, into: Path) -> None:
    """One CLI run per count of ~5 KB documents, and how the client's peak RSS grows between them."""
    print(f"\n## scale: documents of ~5 KB through `extract`, {workers} workers")
    columns = ("seconds", "docs/s", "client peak RSS MB", "worker peak RSS MB")
    print(f"{'documents':>10} {columns[0]:>9} {columns[1]:>8} {columns[2]:>19} {columns[3]:>19}  errors")
    runs = {}
    for count in counts:
        folder = sized_corpus(count, 5000, into)
        runs[count] = run = run_measurement("cli", folder, workers)
        shutil.rmtree(folder)
        workers_rss = "" if run["workers_rss_mb"] is None else f"{run['workers_rss_mb']:.0f}"
        print(
            f"{count:10d} {run['seconds']:9.1f} {count / run['seconds']:8.1f} {run['client_rss_mb']:19.0f}"
            f" {workers_rss:>19}  {run['errors']}"
        )
    if len(runs) > 1:
        (low, small), (high, large) = min(runs.items()), max(runs.items())
        growth = (large["client_rss_mb"] - small["client_rss_mb"]) * 1024 / (high - low)
        print(f"client peak RSS from {low} to {high} documents: {growth:+.1f} KB per document")


def distinct_texts(paths) -> list[Path]:
    """The first file of each distinct text (factRuEval's sets share some news items)."""
    seen, distinct = set(), []
    for path in paths:
        if path.with_suffix(".spans").exists() and (text := path.read_bytes()) not in seen:
            seen.add(text)
            distinct.append(path)
    return distinct


def corpus_folder(name: str, sources: list[Path], count: int, into: Path) -> Path:
    folder = into / name
    folder.mkdir()
    for index in range(count):
        source = sources[index % len(sources)]
        (folder / f"{index:06d}_{source.stem}.txt").write_bytes(source.read_bytes())
    return folder


def sized_corpus(count: int, chars: int, into: Path) -> Path:
    """`count` documents of about `chars` characters: fixture releases joined until long enough."""
    from bomca_extract.readers.reading import read_document

    texts = [read_document(path).text for path in FIXTURES]
    folder = into / "scale"
    folder.mkdir()
    for index in range(count):
        parts, size, cursor = [], 0, index
        while size < chars:
            parts.append(texts[cursor % len(texts)])
            size += len(parts[-1])
            cursor += 7
        (folder / f"{index:06d}.txt").write_text("\n".join(parts)[: chars + 200], encoding="utf-8")
    return folder


def hostile_inputs(into: Path) -> dict[str, Path]:
    """One folder per input that used to blow a worker's memory or time: each measured alone."""
    release = (ROOT / "data" / "raw" / "000_1fcf126dafbfb240.txt").read_text("utf-8")
    paragraph = "<p>" + " ".join(release.split()[:60]) + "</p>\n"
    contents = {
        "an ordinary release": ("txt", release.encode()),
        "19 MB text on one line": ("txt", " ".join(release.split()).encode() * (19_000_000 // len(release.encode()))),
        "19 MB HTML page of paragraphs": (
            "html",
            (
                "<html><body><article>"
                + paragraph * (19_000_000 // len(paragraph.encode()))
                + "</article></body></html>"
            ).encode(),
        ),
        "text at the character limit (200,000)": ("txt", (release * 200)[:200_000].encode()),
        "1 MB of blank lines after a release": ("txt", (release + "\n" * 1_000_000).encode()),
    }
    folders = {}
    for index, (label, (suffix, data)) in enumerate(contents.items()):
        folder = into / f"hostile{index}"
        folder.mkdir()
        (folder / f"input.{suffix}").write_bytes(data)
        folders[label] = folder
    return folders


def report_hostile(into: Path) -> None:
    print("\n## hostile inputs, each alone in a fresh process, 1 worker")
    print(f"{'input':40} {'seconds':>8} {'peak RSS MB':>12}  result")
    for label, folder in hostile_inputs(into).items():
        run = run_measurement("pipeline", folder, 1)
        print(f"{label:40} {run['seconds']:8.1f} {run['rss_mb']:12.0f}  {run['first_error'] or 'ok'}")
        shutil.rmtree(folder)


def report_corpus(name: str, folder: Path) -> dict:
    files = sorted(folder.iterdir())
    kb = sum(path.stat().st_size for path in files) / 1024
    bare = run_measurement("natasha", folder)
    one = run_measurement("pipeline", folder, 1)
    two = run_measurement("pipeline", folder, 2)
    n = len(files)
    print(f"\n## {name}: {n} documents, {kb / n:.1f} KB each on average")
    print(
        f"{'run':34} {'seconds':>8} {'docs/s':>8} {'KB/s':>8} {'peak RSS MB':>12}"
        f" {'whole process s':>16} {'to 1st doc s':>13}"
    )
    for label, run in (
        ("(a) natasha segment + NER", bare),
        ("(b) pipeline, 1 worker", one),
        ("(b) pipeline, 2 workers", two),
    ):
        print(
            f"{label:34} {run['seconds']:8.2f} {n / run['seconds']:8.1f} {kb / run['seconds']:8.1f}"
            f" {run['rss_mb']:12.0f} {run['whole']:16.2f} {run['to_first']:13.2f}"
        )
    print(
        f"ratio (b)/(a), 1 worker: {one['seconds'] / bare['seconds']:.2f}x time after start-up, "
        f"{one['whole'] / bare['whole']:.2f}x whole process"
    )
    print(f"speedup 2 workers / 1 worker: {one['seconds'] / two['seconds']:.2f}x")
    print("per-stage breakdown of (b), 1 worker, ms per document:")
    for stage, seconds in sorted(one["stages"].items(), key=lambda item: -item[1]):
        print(f"  {stage:14} {seconds / n * 1000:7.2f}")
    return {"bare": bare, "one": one, "two": two, "n": n}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat-to", type=int, default=2000, help="gold fixtures repeated to this many documents")
    parser.add_argument(
        "--scale",
        type=int,
        nargs="+",
        default=[10000],
        metavar="N",
        help="documents of ~5 KB in the scale run; several counts compare the client's memory (0: skip)",
    )
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="worker processes of the scale runs (default: cores)"
    )
    parser.add_argument("--scale-only", action="store_true", help="only the scale runs")
    args = parser.parse_args()
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores,"
        f" Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        scales = [count for count in args.scale if count > 0]
        if not args.scale_only:
            report_corpora(args.repeat_to, scratch)
        if scales:
            report_scale(scales, args.workers, scratch)


def report_corpora(repeat_to: int, scratch: Path) -> None:
    """factRuEval (when ../shared holds it), the hostile inputs and the gold fixtures repeated."""
    if FACTRU.is_dir():
        factru = distinct_texts(p for s in FACTRU_SETS for p in sorted((FACTRU / s).glob("*.txt")))
        folder = corpus_folder("factru", factru, len(factru), scratch)
        report_corpus("factRuEval-2016 dev + test, distinct texts", folder)
    else:
        print(f"\n## factRuEval-2016: skipped, {FACTRU} not found")
    report_hostile(scratch)
    gold = report_corpus("gold fixtures, repeated", corpus_folder("gold", FIXTURES, repeat_to, scratch))
    for label, run in (("natasha", gold["bare"]), ("pipeline (natasha NER, pymorphy3, gazetteers)", gold["one"])):
        print(f"\nmodel load, {label}: {run['load']:.2f} s, after {run['imports']:.2f} s of imports", end="")
    print()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "measure":
        from bomca_extract.nlp.spacy_core import defer_spacy_init
        from bomca_extract.threads import pin_blas_threads

        pin_blas_threads()  # as the command line does, before numpy loads; natasha alone gets the same
        kind, folder = sys.argv[2], Path(sys.argv[3])
        if kind != "natasha":
            defer_spacy_init()  # as the command line does
        workers = int(sys.argv[5]) if len(sys.argv) > 5 else 1
        if kind == "natasha":
            result = measure_natasha(folder)
        elif kind == "cli":
            result = measure_cli(folder, workers)
        else:
            result = measure_pipeline(folder, workers)
        print(json.dumps(result))
    else:
        main()
