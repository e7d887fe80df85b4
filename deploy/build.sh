#!/usr/bin/env bash
# The application image's build steps (Dockerfile runs them; docs/production.md).
#
#   deploy/build.sh install   a virtualenv at $ANKASAM_VENV with pyproject.toml's
#                             pinned dependencies (from the package index)
#   deploy/build.sh assets    the .mo files of locale/ (Babel), `manage.py check
#                             --deploy --fail-level WARNING` on production settings,
#                             collectstatic into $DJANGO_STATIC_ROOT
#   deploy/build.sh           both
#
# The check runs with values that are valid but not the site's (a build knows no
# secret, database or host): it checks what the settings make of production's
# environment. Run it again on the servers with the real environment
# (compose.yaml's `migrate` service does).
#
# CI (tests/ops/test_build.py) runs `assets` with the project's .venv: `install` is
# pip installing the pins, which only the image build does, from the network.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${ANKASAM_VENV:-.venv}
STEP=${1:-all}

install() {
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install --no-cache-dir --no-input .
}

assets() {
    "$VENV/bin/pybabel" compile -d locale -D django
    # Production settings: no DJANGO_DEBUG, whatever the caller's shell has.
    env -u DJANGO_DEBUG \
        DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-build-time-only-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}" \
        DJANGO_ALLOWED_HOSTS="${DJANGO_ALLOWED_HOSTS:-build.invalid}" \
        REDIS_URL="${REDIS_URL:-redis://redis.invalid:6379/0}" \
        "$VENV/bin/python" manage.py check --deploy --fail-level WARNING
    env -u DJANGO_DEBUG \
        DJANGO_SECRET_KEY=build-time-collectstatic-only \
        "$VENV/bin/python" manage.py collectstatic --no-input -v0
    echo "build: translations compiled, deploy check passed, static files in" \
        "${DJANGO_STATIC_ROOT:-staticfiles/}"
}

case "$STEP" in
    install) install ;;
    assets) assets ;;
    all) install; assets ;;
    *) echo "usage: $0 [install|assets]" >&2; exit 2 ;;
esac
