"""Report parameters: read each notebook's ``parameters`` cell and check values against it.

A notebook declares its parameters in the code cell tagged ``parameters``, one typed
assignment a line (``outlets: list[str] | None = None  # ...``). :func:`declared` reads
that cell with :mod:`ast` (names, annotations, defaults; nothing is executed) and
:func:`resolve` checks the values a user gave (``-p name=value``, parsed with
``yaml.safe_load``, and a YAML file) against every notebook that declares each name:

* a name no notebook declares, or a value of the wrong type, is a :class:`ParameterError`
  (the CLI exits 2 before anything runs);
* lists and dates arrive typed: ``-p outlets='[NPR, Reuters]'`` is a list,
  ``-p date_from=2026-02-24`` a date, handed to the notebook as the ISO string its
  ``str`` annotation asks for (papermill passes JSON types only);
* a value typed on the command line for a ``str`` parameter is kept as typed
  (``-p label=2026`` is ``"2026"``, not an int);
* path parameters (``*_path``, ``*_file``, ``*_dir``) must exist and are made absolute,
  so kernels find them whatever their working folder.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from analysis.documents import ISO_DATE

PARAMETERS_TAG = "parameters"
PATH_SUFFIXES = ("_path", "_file", "_dir")
DATE_NAMES = ("date_from", "date_to")
MAX_PARAMS_BYTES = 1_000_000  # a --params file (or -p value) larger than this is refused unread
MAX_SHOWN = 200  # characters of a value quoted in an error message
SCALARS = {"str": str, "int": int, "float": float, "bool": bool, "dict": dict, "list": list}
ANY_NAMES = {"Any", "object"}


class ParameterError(ValueError):
    """A parameter that cannot be used: unknown name, wrong type, bad file."""


class _NoAliasLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses anchors and aliases (``&a`` / ``*a``): parameters never
    need them, and a few hundred bytes of nested aliases expand to gigabytes (an alias bomb)."""

    def compose_node(self, parent, index):  # noqa: D102 - see the class docstring
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.YAMLError(f"YAML aliases (*{event.anchor}) are not allowed in parameters ({_at(event)})")
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise yaml.YAMLError(f"YAML anchors (&{event.anchor}) are not allowed in parameters ({_at(event)})")
        return super().compose_node(parent, index)


def _at(event: yaml.Event) -> str:
    return f"line {event.start_mark.line + 1}, column {event.start_mark.column + 1}"


def load_yaml(text: str) -> Any:
    """Parse parameter YAML safely: no anchors or aliases, at most :data:`MAX_PARAMS_BYTES`.

    Raises ``yaml.YAMLError`` or ``ValueError`` (an impossible date such as 2026-02-30).
    """
    if len(text) > MAX_PARAMS_BYTES:
        raise yaml.YAMLError(f"{len(text):,} characters, over the limit of {MAX_PARAMS_BYTES:,}")
    return yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass


def shorten(text: str, limit: int = MAX_SHOWN) -> str:
    """``text`` cut to ``limit`` characters, saying how long it was."""
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"


@dataclass(frozen=True)
class Param:
    """One declared parameter: name, annotation source (or ""), default, notebook."""

    name: str
    annotation: str
    default: Any
    notebook: str


def parameters_source(notebook: Path) -> str | None:
    """The source of the cell tagged ``parameters`` (None if the notebook has none).

    Parameters
    ----------
    notebook: path to an ``.ipynb`` file.
    """
    try:
        nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ParameterError(f"{notebook}: cannot read the notebook ({err})") from err
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and PARAMETERS_TAG in cell.get("metadata", {}).get("tags", []):
            src = cell.get("source", "")
            return "".join(src) if isinstance(src, list) else src
    return None


def declared(notebook: Path) -> dict[str, Param]:
    """The parameters a notebook declares, by name, in cell order.

    Parameters
    ----------
    notebook: path to an ``.ipynb`` file; its ``parameters`` cell is parsed, not run.
    """
    name = Path(notebook).stem
    src = parameters_source(notebook)
    if src is None:
        return {}
    try:
        tree = ast.parse(src)
    except SyntaxError as err:
        raise ParameterError(
            f"{notebook}: the parameters cell is not valid Python (line {err.lineno}: {err.msg})"
        ) from err
    out: dict[str, Param] = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            out[node.target.id] = Param(node.target.id, ast.unparse(node.annotation), _literal(node.value), name)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    out[target.id] = Param(target.id, "", _literal(node.value), name)
    return out


def _literal(node: ast.AST | None) -> Any:
    if node is None:
        return None
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None


# --- type checking -------------------------------------------------------------------


def _check(annotation: str, default: Any) -> Callable[[Any], bool]:
    """A predicate for values matching ``annotation`` (or the default's type)."""
    if not annotation:
        if default is None:
            return lambda v: True
        return _check(type(default).__name__, None)
    try:
        node = ast.parse(annotation, mode="eval").body
    except SyntaxError:
        return lambda v: True
    return _node_check(node)


def _node_check(node: ast.AST) -> Callable[[Any], bool]:
    if isinstance(node, ast.Constant) and node.value is None:
        return lambda v: v is None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):  # a quoted annotation
        return _check(node.value, None)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        left, right = _node_check(node.left), _node_check(node.right)
        return lambda v: left(v) or right(v)
    name = ast.unparse(node.value if isinstance(node, ast.Subscript) else node).split(".")[-1]
    args = []
    if isinstance(node, ast.Subscript):
        args = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
    if name in ANY_NAMES:
        return lambda v: True
    if name == "Optional":
        inner = _node_check(args[0])
        return lambda v: v is None or inner(v)
    if name == "Union":
        checks = [_node_check(a) for a in args]
        return lambda v: any(c(v) for c in checks)
    if name == "Literal":
        allowed = [ast.literal_eval(a) for a in args]
        return lambda v: v in allowed
    if name in ("date", "datetime"):
        return lambda v: isinstance(v, str) and _is_iso_date(v)
    if name == "float":
        return lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)
    if name == "int":
        return lambda v: isinstance(v, int) and not isinstance(v, bool)
    if name in ("list", "tuple", "set", "Sequence"):
        item = _node_check(args[0]) if args else (lambda v: True)
        return lambda v: isinstance(v, list) and all(item(x) for x in v)
    if name in ("dict", "Mapping"):
        key = _node_check(args[0]) if args else (lambda v: True)
        val = _node_check(args[1]) if len(args) > 1 else (lambda v: True)
        return lambda v: isinstance(v, dict) and all(key(k) and val(x) for k, x in v.items())
    if name in SCALARS:
        return lambda v, t=SCALARS[name]: isinstance(v, t)
    return lambda v: True  # an annotation we do not know: nothing to check


def _is_iso_date(text: str) -> bool:
    """Whether ``text`` is one of the ISO forms the corpus reader accepts (and a real date)."""
    if not ISO_DATE.match(text.strip()):
        return False
    try:
        dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        return True
    except ValueError:
        return False


def _jsonable(value: Any) -> Any:
    """YAML values papermill cannot pass (dates) as ISO strings, recursively."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def _describe(value: Any) -> str:
    size = f" of {len(value):,} items" if isinstance(value, (list, dict)) and len(value) > 10 else ""
    return f"{type(value).__name__}{size} {shorten(repr(value))}"


# --- collecting and resolving ---------------------------------------------------------


def parse_assignments(items: list[str]) -> dict[str, tuple[Any, str]]:
    """``-p key=value`` strings -> {key: (yaml value, raw text)}.

    Parameters
    ----------
    items: the ``-p`` arguments, in order (a later one wins).
    """
    out: dict[str, tuple[Any, str]] = {}
    for item in items:
        key, sep, raw = item.partition("=")
        key = key.strip()
        if not sep or not key.isidentifier():
            raise ParameterError(f"-p {shorten(repr(item))}: expected name=value (for example -p date_from=2026-02-24)")
        try:
            out[key] = (load_yaml(raw) if raw.strip() else None, raw)
        except ValueError as err:  # yaml reads 2026-02-30 as a date and fails
            raise ParameterError(f"-p {key}: {shorten(repr(raw))} is not a real date ({err})") from err
        except yaml.YAMLError as err:
            raise ParameterError(
                f"-p {key}: the value {shorten(repr(raw))} is not valid YAML ({shorten(str(err).splitlines()[0])})"
            ) from err
    return out


def read_params_file(path: Path | str) -> dict[str, Any]:
    """A YAML file of ``name: value`` lines, as a dict.

    Parameters
    ----------
    path: the file.
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_PARAMS_BYTES:
            raise ParameterError(f"params file {path}: {path.stat().st_size:,} bytes, over {MAX_PARAMS_BYTES:,}")
        data = load_yaml(path.read_bytes().decode("utf-8-sig"))
    except OSError as err:
        raise ParameterError(f"params file {path}: cannot read it ({err.strerror or err})") from err
    except UnicodeDecodeError as err:
        raise ParameterError(
            f"params file {path}: not UTF-8 (byte {err.start}: 0x{err.object[err.start]:02x}); save it as UTF-8"
        ) from err
    except (yaml.YAMLError, ValueError) as err:
        raise ParameterError(f"params file {path}: not valid YAML ({shorten(str(err), 400)})") from err
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        raise ParameterError(f"params file {path}: expected a mapping of parameter names to values")
    return data


def _coerce(param: Param, value: Any, raw: str | None) -> Any:
    """``value`` checked against one declaration; returns what the notebook receives."""
    accepts = _check(param.annotation, param.default)
    wants_date = param.name in DATE_NAMES or param.name.endswith("_date") or "date" in param.annotation
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()
    elif wants_date and isinstance(value, str) and not _is_iso_date(value):
        raise ParameterError(
            f"{param.name} expects an ISO date (YYYY-MM-DD), got {shorten(repr(value))} "
            f"(declared in {param.notebook}.ipynb as {param.annotation or 'untyped'})"
        )
    elif (
        raw is not None
        and value is not None
        and not isinstance(value, (str, list, dict))
        and not accepts(value)
        and accepts(raw.strip())
    ):
        value = raw.strip()  # typed on the command line for a str parameter: keep it as typed
    value = _jsonable(value)
    if not accepts(value):
        hint = ""
        if isinstance(value, str) and accepts([value]):
            hint = f" (for a list write -p {param.name}='[{shorten(value)}]')"
        raise ParameterError(
            f"{param.name} expects {param.annotation or type(param.default).__name__}, "
            f"got {_describe(value)} (declared in {param.notebook}.ipynb){hint}"
        )
    return value


def _absolute(name: str, value: Any, base: Path) -> Any:
    if not isinstance(value, str) or not name.endswith(PATH_SUFFIXES):
        return value
    path = Path(value).expanduser()
    path = path if path.is_absolute() else (base / path)
    if not path.exists():
        raise ParameterError(f"{name}: no such file or folder: {value}")
    return str(path.resolve())


def resolve(
    declarations: dict[str, dict[str, Param]], given: dict[str, tuple[Any, str | None]], base: Path | None = None
) -> dict[str, dict[str, Any]]:
    """Check given values against the notebooks; returns each notebook's parameters.

    Parameters
    ----------
    declarations: notebook name -> its :func:`declared` parameters (the notebooks that
        will run).
    given: parameter name -> (value, raw command-line text or None for file values).
    base: folder relative paths are resolved against (default: the working folder).
    """
    base = base or Path.cwd()
    known = sorted({n for params in declarations.values() for n in params})
    unknown = [n for n in given if n not in known]
    if unknown:
        raise ParameterError(
            f"unknown parameter(s) {shorten(', '.join(unknown))}: no notebook declares "
            f"{'it' if len(unknown) == 1 else 'them'}; known: {', '.join(known) or '(none)'}"
        )
    per_notebook: dict[str, dict[str, Any]] = {nb: {} for nb in declarations}
    for name, (value, raw) in given.items():
        for nb, params in declarations.items():
            if name in params:
                per_notebook[nb][name] = _absolute(name, _coerce(params[name], value, raw), base)
    for values in per_notebook.values():
        lo, hi = values.get("date_from"), values.get("date_to")
        if lo and hi and dt.date.fromisoformat(lo[:10]) > dt.date.fromisoformat(hi[:10]):
            raise ParameterError(f"date_from {lo} is after date_to {hi}")
    return per_notebook
