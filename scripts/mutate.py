"""Mutation testing of the core with mutmut (`make mutate`; not part of `make test`).

    python scripts/mutate.py                 every group below, then the kill rates
    python scripts/mutate.py naming grabbing those groups only (mutmut keeps earlier results)
    python scripts/mutate.py --report        the kill rates of what has run, per group and per file
    python scripts/mutate.py --survivors naming   the surviving mutants' names (`mutmut show NAME`)

The files mutated and the tests run are in pyproject.toml ([tool.mutmut]); for each mutant mutmut runs
only the tests that call the mutated function. Runs niced, one mutant at a time (MUTATE_CHILDREN to
change), since the machine is shared. Working files go to mutants/ (ignored by git); a changed source
file is mutated again on the next run, the rest keeps its results.
"""

import json
import os
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"

# group -> mutant name patterns (mutmut names a mutant module.path.x_function__mutmut_N)
GROUPS: dict[str, tuple[str, ...]] = {
    "decisions": ("releases.decisions.*",),
    "naming": ("imports.naming.*",),
    "grabbing": ("downloads.grabbing.*",),
    "transfer": ("imports.transfer.*",),
    "pipeline": ("imports.pipeline.*",),
    "customformats": ("releases.customformats.*",),
    "auth": ("radarr.auth.*", "radarr.api.auth.*", "radarr.api.middleware.*"),
    "parser": ("releases.parser.*", "releases.parsing.*"),
}
KILLED = {1, 3}  # pytest failed (3: an internal error, which a mutant caused)
TIMEOUT = {24, -24, 36, 152, 255}  # a mutant that never ends is caught too
SURVIVED = {0}
NO_TESTS = {5, 33}


def results() -> dict[str, int | None]:
    """Every mutant's exit code (None when it has not run yet), from mutmut's per-file records."""
    codes: dict[str, int | None] = {}
    for meta in MUTANTS.rglob("*.py.meta"):
        codes.update(json.loads(meta.read_text())["exit_code_by_key"])
    return codes


def group_of(name: str) -> str | None:
    return next(
        (group for group, patterns in GROUPS.items() if any(fnmatch(name, p) for p in patterns)), None
    )


def report(groups: list[str]) -> None:
    codes = results()
    columns = ("mutants", "killed", "timeout", "survived", "no test", "not run")
    print(f"{'':44} " + " ".join(f"{column:>8}" for column in columns) + "  rate")
    caught = ran = 0
    for group in groups:
        rows: dict[str, list[int | None]] = {}
        for name, code in codes.items():
            if group_of(name) == group:
                rows.setdefault(name.rsplit(".", 1)[0], []).append(code)
        everything = [code for values in rows.values() for code in values]
        _print_row(f"{group} (all)", everything)
        for module, values in sorted(rows.items()):
            _print_row(f"  {module}", values)
        ran += sum(code is not None for code in everything)
        caught += sum(code in KILLED or code in TIMEOUT for code in everything)
    if ran:
        print(f"\ncaught {caught} of {ran} mutants run ({100 * caught / ran:.1f}%)")


def _print_row(label: str, values: list[int | None]) -> None:
    killed = sum(code in KILLED for code in values)
    timeout = sum(code in TIMEOUT for code in values)
    survived = sum(code in SURVIVED for code in values)
    no_tests = sum(code in NO_TESTS for code in values)
    not_run = sum(code is None for code in values)
    run = len(values) - not_run
    rate = f"{100 * (killed + timeout) / run:5.1f}%" if run else "    -"
    counts = (len(values), killed, timeout, survived, no_tests, not_run)
    print(f"{label:44} " + " ".join(f"{count:8}" for count in counts) + f"  {rate}")


def survivors(groups: list[str]) -> None:
    for name, code in sorted(results().items()):
        if group_of(name) in groups and (code in SURVIVED or code in NO_TESTS):
            print(name, "(no test calls it)" if code in NO_TESTS else "")


def run(groups: list[str]) -> int:
    patterns = [pattern for group in groups for pattern in GROUPS[group]]
    children = os.environ.get("MUTATE_CHILDREN", "1")
    env = dict(os.environ)
    shared = ROOT.parent / "shared"
    if "RADARR_SHARED_DIR" not in env and shared.is_dir():
        env["RADARR_SHARED_DIR"] = str(shared)  # the tests that read the team's fixtures run too
    mutmut = Path(sys.executable).with_name("mutmut")
    command = ["nice", "-n", "10", str(mutmut), "run", "--max-children", children, *patterns]
    return subprocess.call(command, cwd=ROOT, env=env)


def main(argv: list[str]) -> int:
    flags = {arg for arg in argv if arg.startswith("--")}
    groups = [arg for arg in argv if not arg.startswith("--")] or list(GROUPS)
    unknown = [group for group in groups if group not in GROUPS]
    if unknown:
        print(f"unknown group(s) {', '.join(unknown)}; known: {', '.join(GROUPS)}", file=sys.stderr)
        return 2
    if "--survivors" in flags:
        survivors(groups)
        return 0
    status = 0 if "--report" in flags else run(groups)
    report(groups)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
