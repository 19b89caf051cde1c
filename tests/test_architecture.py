"""The house stays easy to live in: each app imports only the apps below it, the project
package holds configuration only and is imported by nobody, no import hides inside a
function to dodge a cycle, migrations import no code of ours, and no file of code grows
past 400 lines."""

import ast
import subprocess
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PROJECT = "hannover_strategy"
# Our apps from the bottom up. An app may import apps of a lower layer only; apps of one
# layer do not import each other.
LAYERS = [
    ["operations"],
    ["content"],
    ["leitlinien", "handlungsfelder", "beteiligung", "dokumente"],
    ["umsetzung"],  # the strategy at work: refers to Leitlinien and Handlungsfelder
    ["search"],
    ["exchange"],
    ["downloads"],  # the portal's PDFs, made from the pages' templates
    ["portal", "signin"],  # site-wide: the public pages' frame; staff sign-in
    ["upgrade"],
]
RANK = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}
PROJECT_FILES = {"__init__.py", "settings.py", "urls.py", "wsgi.py", "asgi.py"}
MAX_LINES = 400
# What counts as code or layout (prose, data, catalogues and images do not).
CODE_SUFFIXES = {".py", ".html", ".css", ".js", ".sh", ".lua", ".in"}


def tracked_files() -> list[Path]:
    listed = subprocess.run(  # noqa: S603 - git with fixed arguments
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [ROOT / name for name in listed if (ROOT / name).is_file()]


def python_modules(top: str) -> list[Path]:
    return sorted((ROOT / top).rglob("*.py"))


def imports(path: Path):
    """(imported top-level package, line, the function it is inside or None) per import."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []

    def visit(node, function):
        for child in ast.iter_child_nodes(node):
            inside = (
                child.name
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
                else function
            )
            if isinstance(child, ast.Import):
                found.extend(
                    (alias.name.split(".")[0], child.lineno, function) for alias in child.names
                )
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                found.append((child.module.split(".")[0], child.lineno, function))
            visit(child, inside)

    visit(tree, None)
    return found


def test_every_app_of_ours_has_a_layer():
    ours = {
        config.name
        for config in apps.get_app_configs()
        if (ROOT / config.name.split(".")[0]).is_dir() and config.name != PROJECT
    }
    assert ours == set(RANK), "add a new app to LAYERS (and to README, Architecture)"


def test_imports_run_one_way_from_the_bottom_up():
    wrong = []
    for app, rank in RANK.items():
        for path in python_modules(app):
            if "migrations" in path.parts:
                continue
            for imported, line, _function in imports(path):
                if imported == PROJECT:
                    wrong.append(f"{path.relative_to(ROOT)}:{line} imports the project package")
                elif imported in RANK and imported != app and RANK[imported] >= rank:
                    wrong.append(f"{path.relative_to(ROOT)}:{line} imports {imported} (not below)")
    assert wrong == []


def test_nobody_imports_the_project_package():
    wrong = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in tracked_files()
        if path.suffix == ".py" and PROJECT not in path.relative_to(ROOT).parts[:1]
        if path.name != "fill.py"  # tests/first_layout/fill.py runs with the first layout's code
        for imported, line, _function in imports(path)
        if imported == PROJECT
    ]
    assert wrong == []


def test_the_project_package_holds_configuration_only():
    files = {p.name for p in (ROOT / PROJECT).iterdir() if p.name != "__pycache__"}
    assert files == PROJECT_FILES


def test_no_import_hides_inside_a_function():
    """Only an app's ``ready()`` imports late: signal receivers need the models loaded."""
    wrong = [
        f"{path.relative_to(ROOT)}:{line} in {function}()"
        for app in RANK
        for path in python_modules(app)
        if "migrations" not in path.parts
        for imported, line, function in imports(path)
        if function is not None and not (path.name == "apps.py" and function == "ready")
    ]
    assert wrong == []


def test_migrations_import_no_code_of_ours():
    ours = set(RANK) | {PROJECT}
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {imported}"
        for path in ROOT.glob("*/migrations/*.py")
        for imported, line, _function in imports(path)
        if imported in ours
    ]
    assert wrong == []


def test_no_file_of_code_is_over_400_lines():
    too_long = {
        str(path.relative_to(ROOT)): lines
        for path in tracked_files()
        if path.suffix in CODE_SUFFIXES or path.name == "Makefile" or path.parent.name == "scripts"
        if "migrations" not in path.parts and "fixtures" not in path.parts
        if "vendor" not in path.parts
        if (lines := len(path.read_bytes().splitlines())) > MAX_LINES
    }
    assert too_long == {}
