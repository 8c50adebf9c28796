"""Where annotation time goes: the top of a cProfile per step, on the BBC set (one core).

Usage:
    python benchmarks/profile_stages.py [--bbc DIR] [--every K] [--top N]

Takes every K-th BBC article (default 8), runs segmentation and each stage as the pipeline
does (rows as plain columns, :mod:`analysis.columns`; on a checkout from before that change,
the per-document frames), profiling each step on its own, and prints per step its profiled
seconds, the share spent inside pandas / NumPy / pyarrow, and its N most expensive functions
by own time. Profiling slows Python code down, so the seconds are larger than
``benchmarks/stages.py`` gives; compare shares and rankings. Where the BBC folder is absent it
says so and exits 0.
"""

from __future__ import annotations

import cProfile
import pstats
from pathlib import Path

from bbc import sample, sample_parser

LIBRARIES = ("/pandas/", "/numpy/", "/pyarrow/")


def _where(func: tuple[str, int, str]) -> str:
    """``package/module.py:line(function)`` for a pstats key, shortened."""
    path, line, name = func
    if path == "~":
        return name
    parts = Path(path).parts
    tail = "/".join(parts[parts.index("site-packages") + 1 :] if "site-packages" in parts else parts[-2:])
    return f"{tail}:{line}({name})"


def profile_table(prof: cProfile.Profile, top: int) -> tuple[float, float, list[str]]:
    """(total seconds, share in pandas/NumPy/pyarrow, Markdown rows of the ``top`` functions by own time)."""
    stats = pstats.Stats(prof).stats
    total = sum(v[2] for v in stats.values())
    library = sum(v[2] for k, v in stats.items() if any(lib in k[0] for lib in LIBRARIES))
    ranked = sorted(stats.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
    rows = [f"| `{_where(k)}` | {v[1]:,} | {v[2]:.3f} |" for k, v in ranked]
    return total, (library / total if total else 0.0), rows


def main(argv: list[str] | None = None) -> int:
    """Print one profile table per step; returns the exit code."""
    parser = sample_parser(__doc__.split("\n")[0], every=8)
    parser.add_argument("--top", type=int, default=6, help="functions listed per step")
    args = parser.parse_args(argv)
    docs = sample(args)
    if docs is None:
        return 0
    from analysis import pipeline
    from analysis import text as textmod

    ref = pipeline.Reference.load()
    pipeline.annotate_chunk(docs[:3], ref)  # warm caches and imports
    segment = getattr(textmod, "segment_columns", textmod.segment)
    inputs = [(doc, segment(doc.doc_id, doc.text, doc.title)) for doc in docs]
    profiles: dict[str, cProfile.Profile] = {"segmentation": cProfile.Profile()}
    for doc, _ in inputs:
        profiles["segmentation"].runcall(segment, doc.doc_id, doc.text, doc.title)
    for mod in pipeline.stage_modules():
        name, run = mod.__name__.split(".")[-2], getattr(mod, "annotate_rows", mod.annotate)
        data = ref.objects.get(getattr(mod, "REFERENCE", None))
        profiles[name] = prof = cProfile.Profile()
        for doc, frames in inputs:
            frames.setdefault(mod.FRAME, prof.runcall(run, doc, frames, data))
    print(f"{len(docs):,} documents, one core, profiled (cProfile)\n")
    for name, prof in profiles.items():
        total, library, rows = profile_table(prof, args.top)
        print(f"#### {name}: {total:.2f} s profiled, {library:.0%} in pandas / NumPy / pyarrow\n")
        print("| function | calls | own s |\n|---|---:|---:|\n" + "\n".join(rows) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
