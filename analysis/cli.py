"""Command line: ``python -m analysis {setup,validate,annotate,actors,report,cache}``.

Exit codes: 0 success, 1 the job failed (bad corpus, failed notebook), 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys


def _setup(args: argparse.Namespace) -> int:
    from analysis import nltkdata

    root = nltkdata.build(args.target)
    print(f"NLTK data built in {root}")
    for res, where in nltkdata.status().items():
        print(f"  {res}: {where or 'NOT FOUND on NLTK search path'}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from analysis.documents import validate

    ok, report = validate(args.path)
    print(report, file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


def _annotate(args: argparse.Namespace) -> int:
    from analysis.corpus import load_corpus
    from analysis.documents import CorpusError

    try:
        corpus = load_corpus(
            args.path, actors=args.actors, jobs=args.jobs, engine=args.engine, scheduler=args.scheduler, progress=True
        )
    except (CorpusError, FileNotFoundError, ValueError) as err:
        print(err, file=sys.stderr)
        return 1
    print(corpus)
    print(", ".join(f"{k}={v}" for k, v in corpus.stats.items()))
    return 0


def _cache(args: argparse.Namespace) -> int:
    from analysis.cache import ShardCache

    n = ShardCache(args.dir).clear()
    print(f"removed {n} cache shard(s) and the kept assembled corpora")
    return 0


def _actors(args: argparse.Namespace) -> int:
    from analysis.actors.suggest import suggest
    from analysis.documents import CorpusError

    try:
        sys.stdout.write(suggest(args.path, actors=args.actors))
    except (CorpusError, FileNotFoundError, ValueError) as err:
        print(err, file=sys.stderr)
        return 1
    return 0


def _report(argv: list[str]) -> int:
    from analysis.report import command as report

    return report.main(argv)


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run the sub-command; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["report"]:
        return _report(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("setup", help="build the offline NLTK data (VADER lexicon, Punkt tables)")
    p.add_argument("--target", help="nltk_data folder (default <venv>/share/nltk_data)")
    p.set_defaults(func=_setup)
    p = sub.add_parser("validate", help="check a corpus and print a readable report")
    p.add_argument("path", nargs="?", help="corpus folder or table file (default: the embedded corpus)")
    p.set_defaults(func=_validate)
    p = sub.add_parser("annotate", help="annotate a corpus into the cache")
    p.add_argument("path", nargs="?")
    p.add_argument("--actors")
    p.add_argument("--jobs", type=int)
    p.add_argument("--engine", choices=["local", "dask"], default="local")
    p.add_argument("--scheduler", help="dask scheduler address, e.g. tcp://host:8786")
    p.set_defaults(func=_annotate)
    p = sub.add_parser("cache", help="clear the annotation cache")
    p.add_argument("action", choices=["clear"])
    p.add_argument("--dir", help="cache folder (default .cache/annotations or $NEWSCOV_CACHE)")
    p.set_defaults(func=_cache)
    p = sub.add_parser("actors", help="actors found in a corpus: `actors suggest CORPUS > my_actors.yml`")
    p.add_argument("action", choices=["suggest"])
    p.add_argument("path", help="corpus folder or table file")
    p.add_argument("--actors", help="an actors file to apply as overrides first")
    p.set_defaults(func=_actors)
    sub.add_parser("report", help="run the notebooks and publish HTML (see `report --help`)")
    args = parser.parse_args(argv)
    return args.func(args)
