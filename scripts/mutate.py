"""Mutation testing of the core with mutmut (`make mutate`; not part of `make test`).

    python scripts/mutate.py                    every mutant of every group below, then the kill rates
    python scripts/mutate.py naming grabbing    those groups only (mutmut keeps earlier results)
    python scripts/mutate.py --sample 150       the same 150 mutants of each group, drawn at random with
                                                a fixed seed: an estimate in minutes instead of hours
    python scripts/mutate.py --report [--sample 150]     the kill rates of what has run
    python scripts/mutate.py --survivors [--sample 150]  the surviving mutants (`mutmut show NAME`)
    python scripts/mutate.py --retry [--sample 150]      the survivors run again, after new tests (and
                                                any result mutmut dropped when it met them)

The files mutated and the tests run are in pyproject.toml ([tool.mutmut]); for each mutant mutmut runs
only the tests that call the mutated function. Runs niced, one mutant at a time (MUTATE_CHILDREN to
change), since the machine is shared. Working files go to mutants/ (ignored by git); a changed source
file is mutated again on the next run, the rest keeps its results.
"""

import argparse
import json
import os
import random
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
SEED = 15  # the sample is the same on every run, so fixes show in the figures

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
    matching = (group for group, patterns in GROUPS.items() if any(fnmatch(name, p) for p in patterns))
    return next(matching, None)


def selected(codes: dict[str, int | None], groups: list[str], sample: int) -> dict[str, int | None]:
    """The mutants of these groups; with `sample`, that many of each group drawn with the fixed seed."""
    chosen: dict[str, int | None] = {}
    for group in groups:
        names = sorted(name for name in codes if group_of(name) == group)
        if sample and len(names) > sample:
            names = sorted(random.Random(f"{SEED}-{group}").sample(names, sample))
        chosen.update((name, codes[name]) for name in names)
    return chosen


def report(codes: dict[str, int | None], groups: list[str]) -> None:
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


def run(names: list[str]) -> int:
    children = os.environ.get("MUTATE_CHILDREN", "1")
    env = dict(os.environ)
    # the tests that read the team's fixtures (the parser corpus) run too: beside the checkout, or beside
    # the folder of worktrees; mutmut runs the tests from mutants/, where the tests' own default misses it
    shared = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), None)
    if "RADARR_SHARED_DIR" not in env and shared is not None:
        env["RADARR_SHARED_DIR"] = str(shared)
    mutmut = Path(sys.executable).with_name("mutmut")
    command = ["nice", "-n", "10", str(mutmut), "run", "--max-children", children, *names]
    return subprocess.call(command, cwd=ROOT, env=env)


def main(argv: list[str]) -> int:
    layout = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=layout)
    parser.add_argument("groups", nargs="*", metavar="group", help=", ".join(GROUPS) + " (default: all)")
    parser.add_argument("--sample", type=int, default=0, help="mutants per group, drawn with a fixed seed")
    parser.add_argument("--report", action="store_true", help="only print the figures")
    parser.add_argument("--survivors", action="store_true", help="only list the surviving mutants")
    parser.add_argument("--retry", action="store_true", help="run the survivors again (after new tests)")
    args = parser.parse_args(argv)
    groups = args.groups or list(GROUPS)
    if unknown := [group for group in groups if group not in GROUPS]:
        parser.error(f"unknown group(s) {', '.join(unknown)}")
    status = 0
    if not args.report and not args.survivors:
        if args.sample and not MUTANTS.is_dir():
            run(["no-such-mutant.*"])  # matches nothing: mutmut only generates the mutants and its stats
        for group in groups:  # one group at a time: mutmut first runs every test the names call
            codes = selected(results(), [group], args.sample)
            # the survivors again; or the drawn mutants not yet judged; or every mutant of the group
            if args.retry:
                # and those not judged: mutmut forgets the results a new test's functions touch
                again = SURVIVED | NO_TESTS | {None}
                names = [name for name, code in codes.items() if code in again]
            elif args.sample:
                names = [name for name, code in codes.items() if code is None]
            else:
                names = list(GROUPS[group])
            if names:
                status = run(list(names)) or status
    codes = selected(results(), groups, args.sample)
    if args.survivors:
        for name, code in sorted(codes.items()):
            if code in SURVIVED or code in NO_TESTS:
                print(name, "(no test calls it)" if code in NO_TESTS else "")
        return 0
    report(codes, groups)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
