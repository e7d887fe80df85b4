# syntax=docker/dockerfile:1
# ankasam's images (docs/production.md): `app` runs gunicorn, the worker and the
# management commands; `front` is nginx with deploy/nginx/ and the static files.
#
#   docker build --target app -t ankasam-app .
#   docker build --target front -t ankasam-front .
#
# Not built on the CI machine, where no container engine runs: CI runs the build
# steps below (deploy/build.sh assets) in tests/ops/test_build.py instead.

FROM python:3.11-slim-bookworm AS app
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    ANKASAM_VENV=/opt/ankasam/venv \
    PATH=/opt/ankasam/venv/bin:$PATH \
    DJANGO_STATIC_ROOT=/app/staticfiles \
    DJANGO_MEDIA_ROOT=/srv/ankasam/media
# Pango, HarfBuzz and DejaVu for the worker's PDFs (the Makefile's pdf-libraries);
# PostgreSQL 15's pg_dump and pg_restore for backup_site and restore_site.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
        postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --no-create-home --home-dir /app ankasam \
    && mkdir -p /srv/ankasam/media && chown ankasam /srv/ankasam/media
WORKDIR /app
# The pins first, so that a change of code reuses this layer.
COPY pyproject.toml ./
COPY deploy/build.sh deploy/build.sh
RUN deploy/build.sh install
COPY . .
RUN deploy/build.sh assets
USER ankasam
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s \
    CMD ["python", "deploy/probe.py", "http://127.0.0.1:8000/healthz"]
# gunicorn's sync workers: nginx in front buffers slow clients (docs/production.md).
CMD ["gunicorn", "ankasam.wsgi", "--bind=0.0.0.0:8000", "--workers=3", \
     "--worker-class=sync", "--timeout=60", "--graceful-timeout=20", \
     "--access-logfile=-"]

FROM nginx:1.26-bookworm AS front
# The official image fills /etc/nginx/templates/*.template with envsubst at start.
RUN rm /etc/nginx/conf.d/default.conf \
    && mkdir -p /srv/ankasam/media /var/cache/nginx/ankasam \
    && chown nginx /var/cache/nginx/ankasam
COPY deploy/nginx/ankasam.conf.template /etc/nginx/templates/ankasam.conf.template
COPY deploy/nginx/snippets/ /etc/nginx/snippets/
COPY --from=app /app/staticfiles /srv/ankasam/static
