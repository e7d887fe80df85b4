"""CI's dependency check (.ci/audit.py) run as CI runs it: it fails on a known
vulnerability, and says plainly when the advisory database could not be reached or
skipped packages, never "no known vulnerabilities" then.

The advisory database here is a local OSV server (or none at all) that the real
pip-audit asks; the all-skipped report is the one pip-audit wrote in this
workplace, where PyPI answers 404 for every version's JSON.
"""

import json
import os
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AUDIT = ROOT / ".ci" / "audit.py"
NOT_A_PASS = ("no known vulnerabilit", "none has a known vulnerability")


def run_audit(*args, env=None):
    answer = subprocess.run(
        [sys.executable, str(AUDIT), *args],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
    )
    return answer.returncode, answer.stdout + answer.stderr


def says_it_passed(output: str) -> bool:
    return any(words in output.lower() for words in NOT_A_PASS)


# --- a local advisory database ------------------------------------------------------


class OSV(BaseHTTPRequestHandler):
    """OSV's query API: one advisory for ``vulnerable`` (name, version), none else."""

    vulnerable: tuple[str, str] | None = None

    def do_POST(self):
        query = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        name, version = query["package"]["name"], query["version"]
        answer = {}
        if (name, version) == self.vulnerable:
            answer = {"vulns": [advisory(name, version)]}
        body = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def advisory(name, version):
    return {
        "id": "GHSA-test-0001",
        "aliases": ["CVE-2026-0001"],
        "summary": "A lock-out that can be walked around",
        "affected": [
            {
                "package": {"name": name, "ecosystem": "PyPI"},
                "ranges": [
                    {
                        "type": "ECOSYSTEM",
                        "events": [{"introduced": "0"}, {"fixed": "8.3.2"}],
                    }
                ],
                "versions": [version],
            }
        ],
    }


@pytest.fixture
def osv_server():
    def serve(vulnerable=None):
        handler = type("Handler", (OSV,), {"vulnerable": vulnerable})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/v1/query"

    servers = []
    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def closed_port_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1/query"


# --- a pip-audit that writes a given report -----------------------------------------

FAKE_PIP_AUDIT = """
import os, sys
arguments = sys.argv[1:]
if arguments[arguments.index("--vulnerability-service") + 1] != "pypi":
    os.execv(sys.executable, [sys.executable, "-m", "pip_audit", *arguments])
with open(arguments[arguments.index("--output") + 1], "w") as report:
    report.write(open({report!r}).read())
print("No known vulnerabilities found", file=sys.stderr)
"""


def pip_audit_writing(tmp_path, dependencies) -> dict:
    """Environment that makes the check's pip-audit write ``dependencies`` as PyPI's
    report (other services' runs are the real pip-audit's)."""
    report = tmp_path / "report.json"
    report.write_text(json.dumps({"dependencies": dependencies, "fixes": []}))
    script = tmp_path / "pip_audit.py"
    script.write_text(FAKE_PIP_AUDIT.format(report=str(report)))
    return {"AUDIT_PIP_AUDIT": f"{sys.executable} {script}"}


def not_on_pypi(name, version):
    return {
        "name": name,
        "skip_reason": "Dependency not found on PyPI and could not be audited: "
        f"{name} ({version})",
    }


# --- the advisory database ------------------------------------------------------------


def test_every_package_skipped_is_not_checked_and_not_a_pass(tmp_path):
    """The report pip-audit wrote here: every package skipped, and its own words on
    stderr "No known vulnerabilities found"."""
    dependencies = [
        {"name": "ankasam", "skip_reason": "distribution marked as editable"},
        not_on_pypi("django", "5.2.19"),
        not_on_pypi("django-axes", "8.3.1"),
        not_on_pypi("pillow", "13.0.0"),
    ]
    env = pip_audit_writing(tmp_path, dependencies)
    status, output = run_audit("--no-patches", "--services", "pypi", env=env)
    assert status == 0, output  # CI goes on
    assert "NOT CHECKED: no advisory database could be reached." in output
    assert "pypi: every one of the 3 packages was skipped" in output
    assert "Dependency not found on PyPI" in output
    assert "this is not a pass" in output
    assert not says_it_passed(output), output


def test_an_unreachable_database_is_said_plainly_and_does_not_fail_ci():
    status, output = run_audit(
        "--no-patches", "--services", "osv", "--osv-url", closed_port_url()
    )
    assert status == 0, output
    assert "NOT CHECKED: no advisory database could be reached." in output
    assert "osv: " in output and "Connection refused" in output
    assert not says_it_passed(output), output


def test_a_known_vulnerable_pin_fails_the_check(osv_server):
    version = metadata.version("django-axes")
    url = osv_server(vulnerable=("django-axes", version))
    status, output = run_audit("--no-patches", "--services", "osv", "--osv-url", url)
    assert status == 1, output
    assert "KNOWN VULNERABILITIES (1):" in output
    # pip-audit names an advisory by its CVE when it has one.
    assert (
        f"django-axes {version}: CVE-2026-0001 (GHSA-test-0001); fixed in 8.3.2"
        in output
    )
    assert not says_it_passed(output), output


def test_a_database_that_answered_for_every_package_is_a_pass(osv_server):
    url = osv_server()
    status, output = run_audit("--no-patches", "--services", "osv", "--osv-url", url)
    assert status == 0, output
    assert "Advisory database: osv." in output
    checked = [line for line in output.splitlines() if line.startswith("Checked all")]
    assert checked and checked[0].endswith("packages: none has a known vulnerability.")
    assert "NOT CHECKED" not in output


def test_skipped_packages_are_named_and_never_counted_clean(tmp_path):
    dependencies = [
        {"name": "django", "version": "5.2.19", "vulns": []},
        {"name": "pillow", "version": "13.0.0", "vulns": []},
        not_on_pypi("django-axes", "8.3.1"),
    ]
    env = pip_audit_writing(tmp_path, dependencies)
    status, output = run_audit("--no-patches", "--services", "pypi", env=env)
    assert status == 0, output
    assert "NOT CHECKED: 1 of 3 packages could not be looked up:" in output
    assert "  django-axes: Dependency not found on PyPI" in output
    assert (
        "Checked 2 of 3 packages: none of those 2 has a known vulnerability; "
        "the other 1 are unknown (above)." in output
    )
    assert "Checked all" not in output


def test_when_pypi_skips_everything_the_next_database_is_asked(tmp_path, osv_server):
    env = pip_audit_writing(tmp_path, [not_on_pypi("django", "5.2.19")])
    status, output = run_audit(
        "--no-patches", "--services", "pypi,osv", "--osv-url", osv_server(), env=env
    )
    assert status == 0, output
    assert "Advisory database: osv." in output
    assert "Checked all" in output


# --- the pins against their newest patch releases -----------------------------------


def local_index(root: Path, offers: dict[str, list[str]]) -> str:
    """A PEP 503 index of file links (the files themselves are never fetched)."""
    simple = root / "simple"
    for name, versions in offers.items():
        folder = simple / name.lower()
        folder.mkdir(parents=True)
        links = "".join(
            f'<a href="{name}-{v}.tar.gz">{name}-{v}.tar.gz</a>' for v in versions
        )
        (folder / "index.html").write_text(f"<html><body>{links}</body></html>")
    return simple.as_uri()


def test_pins_are_listed_against_their_newest_patch_release(tmp_path, osv_server):
    index = local_index(
        tmp_path,
        {
            "Django": ["5.2.19", "5.2.21", "5.2.22rc1", "6.0.1"],
            "segno": ["1.6.6", "1.7.0"],
        },
    )
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[project]\nname = "x"\ndependencies = ["Django==5.2.19", "segno==1.6.6"]\n'
        '[project.optional-dependencies]\ndev = ["ruff==0.17.6"]\n'
    )
    pip = {
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_INDEX_URL": index,
        "PIP_EXTRA_INDEX_URL": index,
        "PIP_FIND_LINKS": str(tmp_path),
    }
    status, output = run_audit(
        "--pyproject",
        str(pyproject),
        "--services",
        "osv",
        "--osv-url",
        osv_server(),
        env=pip,
    )
    assert status == 0, output
    rows = {line.split()[0]: line.split() for line in output.splitlines() if line}
    assert rows["Django"][1:4] == ["5.2.19", metadata.version("Django"), "5.2.21"]
    assert "a newer patch release exists" in " ".join(rows["Django"])
    assert rows["segno"][3] == "1.6.6"  # 1.7.0 is a minor release, not a patch
    assert rows["ruff"][3] == "?"  # the index has no ruff
    assert "the package index gave no versions" in " ".join(rows["ruff"])
    assert (
        "1 pins have a newer patch release; for 1 the index gave no versions." in output
    )
