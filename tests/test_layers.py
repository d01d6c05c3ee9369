"""Imports flow one way between the apps (STYLE): a module reads only its own app and apps to its left.

Every module of every app is parsed (nothing is imported), and each read of another app is checked:
`import` and `from ... import` at any depth (inside functions too), and reads hidden in strings:
`import_string("app.module.name")`, `apps.get_model("app", "Model")` or `("app.Model")`, and any
`"app.something"` constant (model labels kept in a list, dotted paths handed to a loader). A lower app
gets what it needs from a higher one as data or callables passed in, or through a named hook in
settings; only the composition roots below may name every app.
"""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from tests.shared import REPO_DIR

APPS = ("radarr", "notifications", "scenegroups", "releases", "movies", "indexers", "downloads", "imports")
RANK = {app: position for position, app in enumerate(APPS)}

# The composition roots STYLE allows to name every app, and how each may do it.
IMPORTS_ALL = "imports"  # may import any app
NAMES_ALL = "names"  # may name any app's functions or classes by dotted path, never import them
COMPOSITION_ROOTS = {
    "radarr/urls.py": IMPORTS_ALL,  # every app's pages
    "radarr/api/urls.py": IMPORTS_ALL,  # every app's v3 routes
    "radarr/instanceurls.py": IMPORTS_ALL,  # a version template's virtual instance: its own v3 routes
    "radarr/jobs.py": NAMES_ALL,  # JOBS: each job's function and interval setting
    "radarr/system/health.py": NAMES_ALL,  # the health-check list
    "radarr/settings.py": NAMES_ALL,  # INSTALLED_APPS and the RADARR_* hooks
}

_DOTTED = re.compile(r"^(?P<app>" + "|".join(APPS) + r")\.[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$")


@dataclass(frozen=True, slots=True)
class Read:
    """One place where a module reads another app."""

    path: str  # relative to the repository, with forward slashes
    line: int
    target: str  # the module, dotted path or model label read
    how: str  # "import" or "string"

    @property
    def app(self) -> str:
        return self.target.split(".")[0]

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.path.split('/')[0]} reads {self.target} ({self.how})"


def reads_of(source: str, path: str) -> list[Read]:
    """Every read of an app (any app, its own included) in one module's source."""
    found = []
    for node in ast.walk(ast.parse(source, filename=path)):
        if isinstance(node, ast.Import):
            found += [Read(path, node.lineno, alias.name, "import") for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(Read(path, node.lineno, node.module, "import"))
        elif isinstance(node, ast.Call) and _called_name(node) == "get_model" and node.args:
            label = node.args[0]
            if isinstance(label, ast.Constant) and isinstance(label.value, str):
                found.append(Read(path, node.lineno, label.value, "string"))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _DOTTED.match(node.value):
            found.append(Read(path, node.lineno, node.value, "string"))
    return [read for read in found if read.app in RANK]


def _called_name(call: ast.Call) -> str:
    function = call.func
    return function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")


def wrong_way(read: Read) -> bool:
    """A read of an app to the right of the module's own, unless a composition root may make it."""
    own = read.path.split("/")[0]
    if RANK[read.app] <= RANK[own]:
        return False
    allowed = COMPOSITION_ROOTS.get(read.path)
    return not (allowed == IMPORTS_ALL or (allowed == NAMES_ALL and read.how == "string"))


def app_modules() -> list[Path]:
    return sorted(path for app in APPS for path in (REPO_DIR / app).rglob("*.py"))


def test_no_module_reads_an_app_to_its_right():
    reads = []
    for module in app_modules():
        relative = module.relative_to(REPO_DIR).as_posix()
        reads += reads_of(module.read_text(encoding="utf-8"), relative)

    wrong = [str(read) for read in reads if wrong_way(read)]

    assert wrong == [], "wrong-way reads (pass data or callables in, move the code, or add a hook):\n" + (
        "\n".join(wrong)
    )


def test_every_composition_root_exists():
    missing = [path for path in COMPOSITION_ROOTS if not (REPO_DIR / path).is_file()]

    assert missing == []


SAMPLE = """
from django.apps import apps
from django.utils.module_loading import import_string
from radarr.models import Tag
from movies.models import Movie

USERS = [("downloads.History", "movie")]


def later():
    from imports.options import import_options
    return import_string("indexers.options.rss_sync_minutes"), apps.get_model("downloads", "Queue")
"""


def test_the_check_finds_reads_hidden_in_functions_strings_and_model_lookups():
    reads = reads_of(SAMPLE, "releases/sample.py")

    wrong = sorted((read.line, read.target) for read in reads if wrong_way(read))

    assert wrong == [
        (5, "movies.models"),
        (7, "downloads.History"),
        (11, "imports.options"),
        (12, "downloads"),
        (12, "indexers.options.rss_sync_minutes"),
    ]


def test_composition_roots_may_name_every_app_but_only_url_roots_import_them():
    source = 'from imports import urls\nJOB = "imports.tasks.manual_import"\n'

    in_jobs = [read.target for read in reads_of(source, "radarr/jobs.py") if wrong_way(read)]
    in_urls = [read.target for read in reads_of(source, "radarr/urls.py") if wrong_way(read)]

    assert in_jobs == ["imports"]
    assert in_urls == []
