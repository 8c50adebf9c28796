"""``python -m analysis actors suggest CORPUS``: the actors found in a corpus as an editable file.

:func:`suggest` writes the found table (with the corpus's own actors file applied, if any) as
a commented YAML actors file: most mentioned first, each actor with its mention count and,
per name, its count and one example sentence. Passed back as the corpus's actors file it
gives the same actors (every found actor is restated, so the overrides change nothing).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from analysis.actors.reference import normalize

EXAMPLE_CHARS = 160
HEADER = """# Actors found in {corpus}
#
# Edit and pass back: `-p actors_file=THIS_FILE` (report) or `load_corpus(..., actors=THIS_FILE)`,
# or save it as actors.yml beside the corpus's manifest.csv. Entries override what is found:
# rename with `from: Found Name`, fold actors together with `merge: [A, B]`, change `type`, add
# `aliases` / `references`, split by giving a new entry some aliases, drop with the top-level
# `ignore: [Name]`; `discover: false` makes this file the whole table. Counts are mentions.
"""


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def suggest(path: Path | str, actors: Path | str | None = None) -> str:
    """The commented YAML of the actors found in a corpus.

    Parameters
    ----------
    path: the corpus (folder or table file).
    actors: an actors file to apply as overrides first (default: the corpus's own, if any).
    """
    from analysis.corpus import load_corpus

    corpus = load_corpus(path, actors=actors)
    table = corpus.reference.objects["actors"]
    mentions = corpus.mentions
    counts = Counter(mentions["actor"])
    surfaces: dict[tuple[str, str], int] = Counter(zip(mentions["actor"], mentions["surface"].map(normalize)))
    sentences = corpus.sentences.set_index(["doc_id", "sent_id"])["text"]
    examples: dict[tuple[str, str], str] = {}
    for actor, surface, doc_id, sent_id in zip(
        mentions["actor"], mentions["surface"], mentions["doc_id"], mentions["sent_id"]
    ):
        examples.setdefault((actor, normalize(surface)), sentences.get((doc_id, sent_id), ""))
    lines = [HEADER.format(corpus=path)]
    for actor in sorted(table.actors.values(), key=lambda a: (-counts[a.name], a.name)):
        lines.append(f"# {counts[actor.name]:,} mentions")
        lines.append(f"{_q(actor.name)}:")
        lines.append(f"  type: {actor.type}")
        if actor.affiliation:
            lines.append(f"  affiliation: {_q(actor.affiliation)}")
        for field in ("aliases", "titles", "references", "default_for"):
            names = getattr(actor, field)
            if field != "aliases" and not names:
                continue
            lines.append(f"  {field}:" + ("" if names else " []"))
            for name in (actor.name, *names) if field == "aliases" else names:
                n = surfaces.get((actor.name, normalize(name)), 0)
                example = " ".join(examples.get((actor.name, normalize(name)), "").split())[:EXAMPLE_CHARS]
                note = f"  # {n:,}" + (f": {example}" if example else "")
                if field == "aliases" and name == actor.name:
                    lines.append(f"    {note.strip()} (the name itself)")
                    continue
                lines.append(f"    - {_q(name)}{note}")
        lines.append("")
    lines.append("not_actors:")
    lines += [f"  - {_q(n)}" for n in table.not_actors]
    return "\n".join(lines) + "\n"
