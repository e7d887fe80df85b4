"""CI's dependency check: the pins against their newest patch releases, and every
installed package against an advisory database (pip-audit).

Exit status 1 only when an advisory database was reached and a package installed
here has a known vulnerability. When no database can be reached, or some packages
could not be looked up in it, this says so plainly and names them: pip-audit itself
prints "No known vulnerabilities found" even when it skipped every package (PyPI
answering 404 for each version, as a mirror without the JSON API does), so its
words are never passed on; its JSON report is read instead.

    python .ci/audit.py [--services pypi,osv] [--osv-url URL] [--pyproject PATH]

AUDIT_PIP_AUDIT, if set, is the command that runs pip-audit (default: this
interpreter's ``-m pip_audit``).
"""

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ("pypi", "osv")
# Seconds pip and pip-audit wait for each answer, and for a whole run of one service:
# an index or database that does not answer must not hold CI up for long.
REQUEST_TIMEOUT = 15
RUN_TIMEOUT = 10 * 60


# --- the pins against their newest patch releases -----------------------------------


def pins(pyproject: Path) -> list[tuple[str, str]]:
    """``(name, pinned version)`` of each ``==`` pin, dependencies and extras."""
    project = tomllib.loads(pyproject.read_text())["project"]
    lines = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        lines += extra
    found = []
    for line in lines:
        requirement = Requirement(line)
        exact = [s.version for s in requirement.specifier if s.operator == "=="]
        if exact:
            found.append((requirement.name, exact[0]))
    return found


def installed_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def available_versions(name: str) -> list[str] | None:
    """The versions the package index offers (pip's own client and settings), or
    None when it gave none (not reached, or no such package there)."""
    command = [sys.executable, "-m", "pip", "index", "versions", "--json", name]
    command += ["--timeout", str(REQUEST_TIMEOUT), "--retries", "1"]
    try:
        answer = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=120,
        )
        return json.loads(answer.stdout)["versions"] if answer.returncode == 0 else None
    except (subprocess.TimeoutExpired, ValueError, KeyError):
        return None


def newest_patch(pinned: str, offered: list[str]) -> str | None:
    """The newest final release with ``pinned``'s major and minor number."""
    try:
        base = Version(pinned)
    except InvalidVersion:
        return None
    same_line = []
    for text in offered:
        try:
            version = Version(text)
        except InvalidVersion:
            continue
        if not version.is_prerelease and version.release[:2] == base.release[:2]:
            same_line.append(version)
    return str(max(same_line)) if same_line else None


def patch_table(pyproject: Path) -> tuple[list[str], int, int]:
    """Lines listing each pin, installed and newest patch; and how many pins have a
    newer patch, and for how many the index gave no versions (not reached, or
    not there)."""
    wanted = pins(pyproject)
    with ThreadPoolExecutor(max_workers=4) as pool:
        offers = list(pool.map(available_versions, [name for name, _pin in wanted]))
    width = max((len(name) for name, _pin in wanted), default=10)
    lines = [f"{'package':<{width}}  {'pinned':<12} {'installed':<12} newest patch"]
    behind = unknown = 0
    for (name, pinned), offered in zip(wanted, offers, strict=True):
        installed = installed_version(name) or "not installed"
        if offered is None:
            newest, note = "?", "the package index gave no versions"
            unknown += 1
        else:
            newest = newest_patch(pinned, offered) or "?"
            note = ""
            if newest != "?" and Version(newest) > Version(pinned):
                note = "a newer patch release exists"
                behind += 1
        if installed != pinned:
            note = "; ".join(filter(None, [note, "installed differs from the pin"]))
        row = f"{name:<{width}}  {pinned:<12} {installed:<12} {newest:<12} {note}"
        lines.append(row.rstrip())
    return lines, behind, unknown


# --- the advisory database ------------------------------------------------------------


@dataclass
class Audit:
    """What one run of pip-audit found out, read from its JSON report."""

    service: str
    reached: bool
    checked: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # name: why
    vulnerable: list[str] = field(default_factory=list)  # one line each
    problem: str = ""  # why the run gave no report


def pip_audit_command() -> list[str]:
    custom = os.environ.get("AUDIT_PIP_AUDIT")
    return shlex.split(custom) if custom else [sys.executable, "-m", "pip_audit"]


def run_pip_audit(service: str, osv_url: str | None) -> Audit:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [
            *pip_audit_command(),
            "--vulnerability-service",
            service,
            "--format",
            "json",
            "--output",
            str(report),
            "--progress-spinner",
            "off",
            "--skip-editable",  # this project itself
            "--timeout",
            str(REQUEST_TIMEOUT),
        ]
        if service == "osv" and osv_url:
            command += ["--osv-url", osv_url]
        try:
            answer = subprocess.run(
                command, capture_output=True, text=True, timeout=RUN_TIMEOUT
            )
        except subprocess.TimeoutExpired:
            return Audit(service, reached=False, problem="no answer in time")
        text = report.read_text() if report.exists() else ""
    if not text:
        lines = (answer.stderr or answer.stdout).strip().splitlines()
        last = lines[-1] if lines else f"exit status {answer.returncode}"
        return Audit(service, reached=False, problem=last[:300])
    return read_report(service, json.loads(text))


def read_report(service: str, report: dict) -> Audit:
    """An ``Audit`` from pip-audit's JSON: a package counts as checked only when the
    report lists what the database said about it (``vulns``, empty or not)."""
    audit = Audit(service, reached=False)
    for dependency in report.get("dependencies", []):
        name = dependency["name"]
        if "skip_reason" in dependency:
            if "editable" not in dependency["skip_reason"]:
                audit.skipped[name] = dependency["skip_reason"]
            continue
        if "vulns" not in dependency:
            audit.skipped[name] = "the report says nothing about it"
            continue
        audit.checked.append(name)
        for vuln in dependency["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions", [])) or "none yet"
            aliases = ", ".join(vuln.get("aliases", []))
            audit.vulnerable.append(
                f"{name} {dependency.get('version', '?')}: {vuln['id']}"
                + (f" ({aliases})" if aliases else "")
                + f"; fixed in {fixes}"
            )
    audit.reached = bool(audit.checked)
    if not audit.reached:
        audit.problem = (
            f"every one of the {len(audit.skipped)} packages was skipped"
            if audit.skipped
            else "the report lists no package"
        )
    return audit


def first_reached(services, osv_url) -> tuple[Audit | None, list[Audit]]:
    """The first service that answered for at least one package, and every try."""
    tries = []
    for service in services:
        audit = run_pip_audit(service, osv_url)
        tries.append(audit)
        if audit.reached:
            return audit, tries
    return None, tries


def verdict(audit: Audit | None, tries: list[Audit]) -> tuple[list[str], int]:
    """What CI prints about vulnerabilities, and the exit status."""
    if audit is None:
        lines = ["NOT CHECKED: no advisory database could be reached."]
        for attempt in tries:
            lines.append(f"  {attempt.service}: {attempt.problem}")
            if attempt.skipped:
                name, why = next(iter(attempt.skipped.items()))
                lines.append(f"    for example {name}: {why}")
        lines.append(
            "The installed packages were not checked for known vulnerabilities; "
            "this is not a pass (CI goes on)."
        )
        return lines, 0
    lines = [f"Advisory database: {audit.service}."]
    total = len(audit.checked) + len(audit.skipped)
    if audit.vulnerable:
        lines.append(f"KNOWN VULNERABILITIES ({len(audit.vulnerable)}):")
        lines += [f"  {line}" for line in audit.vulnerable]
    if audit.skipped:
        lines.append(
            f"NOT CHECKED: {len(audit.skipped)} of {total} packages could not be "
            "looked up:"
        )
        lines += [f"  {name}: {why}" for name, why in sorted(audit.skipped.items())]
    if not audit.vulnerable and not audit.skipped:
        lines.append(f"Checked all {total} packages: none has a known vulnerability.")
    elif not audit.vulnerable:
        lines.append(
            f"Checked {len(audit.checked)} of {total} packages: none of those "
            f"{len(audit.checked)} has a known vulnerability; the other "
            f"{len(audit.skipped)} are unknown (above)."
        )
    return lines, 1 if audit.vulnerable else 0


def say(*lines: str) -> None:
    sys.stdout.write("".join(f"{line}\n" for line in lines))
    sys.stdout.flush()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", default=",".join(SERVICES))
    parser.add_argument("--osv-url", default=None)
    parser.add_argument("--pyproject", type=Path, default=ROOT / "pyproject.toml")
    parser.add_argument(
        "--no-patches", action="store_true", help="skip the newest-patch listing"
    )
    options = parser.parse_args(argv)

    if not options.no_patches:
        say("== pins against their newest patch releases")
        lines, behind, unknown = patch_table(options.pyproject)
        unasked = f"; for {unknown} the index gave no versions" if unknown else ""
        say(*lines, f"{behind} pins have a newer patch release{unasked}.")
    say("== installed packages against an advisory database (pip-audit)")
    audit, tries = first_reached(options.services.split(","), options.osv_url)
    lines, status = verdict(audit, tries)
    say(*lines)
    return status


if __name__ == "__main__":
    sys.exit(main())
