"""The finding pass of a big corpus, in a fresh interpreter of its own.

:func:`found_apart` runs :func:`analysis.actors.overrides.observed_found_data` in a new Python process
(``python -m analysis.actors._apart``) rather than in one forked from the loader. A forked child
starts with the loader's pages (its libraries and every document it has read), and so does every
reader forked from that child: each page counts once in each of those processes' resident sizes,
and the many small objects the finding makes and frees would stay in a forked process's heap
anyway. A fresh interpreter imports only the finding code (about 16 MB resident), forks its
readers before the documents arrive, receives each distinct text once, and sends back only the
found data.

A new interpreter, not a ``spawn`` or ``forkserver`` child of :mod:`multiprocessing`: those
import the caller's main script again, which breaks a script that calls
:func:`analysis.load_corpus` without an ``if __name__ == "__main__":`` guard.

The payload and the answer are pickles over the child's stdin and stdout; the child's stderr
goes to a temporary file, copied to this process's stderr when it is done. An exception raised
in the child is raised again here, with the child's traceback as its note.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any, NamedTuple

import analysis

PACKAGE_ROOT = Path(analysis.__file__).resolve().parent.parent  # the folder holding ``analysis/``


class Text(NamedTuple):
    """What the finding pass reads of a document (:func:`~analysis.actors.overrides._observed`)."""

    doc_id: str
    content_hash: str
    text: str


def payload(docs, folder: Path | None) -> dict[str, Any]:
    """What the child is sent: each distinct text once, the documents in order, and the folder.

    Parameters
    ----------
    docs: the corpus's documents (anything with ``doc_id``, ``content_hash`` and ``text``).
    folder: the cache subfolder of the found actors, or None.
    """
    index: dict[str, int] = {}
    order = [(d.doc_id, d.content_hash, index.setdefault(d.text, len(index))) for d in docs]
    return {"texts": list(index), "order": order, "folder": None if folder is None else str(folder)}


def documents(sent: dict[str, Any]) -> list[Text]:
    """The documents of a :func:`payload`, each holding its text (one string object per distinct text)."""
    texts = sent["texts"]
    return [Text(doc_id, key, texts[i]) for doc_id, key, i in sent["order"]]


def found_apart(docs, folder: Path | None, jobs: int) -> dict:
    """The found data of ``docs`` (:func:`~analysis.actors.overrides.observed_found_data`), found in a new process.

    Parameters
    ----------
    docs: the corpus's documents.
    folder: the cache subfolder of the found actors (the kept observations are read and written
        there by the child), or None.
    jobs: the reader processes the child forks.

    Raises the child's exception again when it failed, or :class:`RuntimeError` when it died
    without one (its stderr's end is the message).
    """
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(PACKAGE_ROOT), os.environ.get("PYTHONPATH")])))
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "analysis.actors._apart", str(jobs)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=err,
            env=env,
        )
        try:
            try:
                pickle.dump(payload(docs, folder), proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                proc.stdin.close()
            except BrokenPipeError:  # the child died before reading it all: its stderr says why
                pass
            answer = proc.stdout.read()
            code = proc.wait()
        finally:
            if proc.poll() is None:  # interrupted here: the child goes too
                proc.kill()
                proc.wait()
        err.seek(0)
        said = err.read().decode("utf-8", "replace")
    if said and code == 0:
        sys.stderr.write(said)
    try:
        kind, value, trace = pickle.loads(answer)
    except Exception:  # noqa: BLE001 - no answer at all: the child died
        tail = "\n".join(said.strip().splitlines()[-20:])
        raise RuntimeError(f"finding the actors failed: its process ended with exit code {code}\n{tail}") from None
    if kind == "error":
        value.add_note(f"in the finding process:\n{trace}")
        raise value
    return value


def main(argv: list[str]) -> int:
    """The child: fork ``argv[0]`` readers, read the payload from stdin, answer on stdout.

    The answer is ``("ok", found data, "")`` or ``("error", exception, traceback)``.
    """
    from analysis.actors import overrides

    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # anything printed goes to the log, not into the answer
    jobs = int(argv[0])
    try:
        if jobs > 1:
            overrides.start_readers(jobs)  # forked now, before the documents arrive
        sent = pickle.load(sys.stdin.buffer)
        folder = None if sent["folder"] is None else Path(sent["folder"])
        answer: tuple = ("ok", overrides.observed_found_data(documents(sent), folder, jobs), "")
    except BaseException as exc:  # noqa: BLE001 - sent back and raised again in the caller
        answer = ("error", exc, traceback.format_exc())
    try:
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - an exception that does not pickle: its text instead
        data = pickle.dumps(("error", RuntimeError(repr(answer[1])), answer[2]))
    out.write(data)
    out.flush()
    return 0 if answer[0] == "ok" else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
