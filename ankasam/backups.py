"""Backups of the whole site: the database and the uploaded files (media).

A backup is a folder: ``manifest.json``, the database (``database.pgdump``, a
pg_dump custom-format archive, or ``database.sqlite3``, a copy made by SQLite's
online backup) and ``media/``, every file of the media storage under its own name,
read through Django's storage API (so a local folder and an S3 bucket alike).

The database is read first, then the files: a file the database names was stored
before its row was written, so it is in the copy unless it was deleted in between.
A restore goes into an empty database and an empty storage, unless told to
replace what is there, and ends every page the cache holds.
"""

import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.db import connection
from django.utils import timezone

from pagecache.versions import content_changed

FORMAT = 1
MANIFEST = "manifest.json"
DUMPS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


def stored_files(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name in ``storage`` under ``folder``, sub-folders included."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a local media folder nothing was uploaded to yet
        return
    for name in sorted(files):
        yield posixpath.join(folder, name) if folder else name
    for name in sorted(folders):
        yield from stored_files(
            storage, posixpath.join(folder, name) if folder else name
        )


def _postgres_command(tool: str, *arguments: str) -> tuple[list[str], dict]:
    """``tool`` with the connection of the default database (as Django has it)."""
    settings = connection.settings_dict
    command = [shutil.which(tool) or tool, "--no-password"]
    if settings.get("HOST"):
        command += ["--host", settings["HOST"]]
    if settings.get("PORT"):
        command += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        command += ["--username", settings["USER"]]
    environment = dict(os.environ)
    if settings.get("PASSWORD"):
        environment["PGPASSWORD"] = settings["PASSWORD"]
    if sslmode := settings.get("OPTIONS", {}).get("sslmode"):
        environment["PGSSLMODE"] = sslmode
    return [*command, *arguments, "--dbname", settings["NAME"]], environment


def _run(command: list[str], environment: dict) -> None:
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(
            f"{Path(command[0]).name} failed ({result.returncode}): "
            f"{result.stderr.strip()}"
        )


def site_backup(*, folder: Path, media: bool = True) -> dict:
    """Write a backup of the default database and the media storage to ``folder``,
    which must not exist or be empty. Returns the manifest."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty: a backup never overwrites one.")
    folder.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    if vendor not in DUMPS:
        raise BackupError(f"No backup for a {vendor} database.")
    dump = folder / DUMPS[vendor]
    if vendor == "postgresql":
        command, environment = _postgres_command(
            "pg_dump", "--format=custom", "--no-owner", "--no-privileges",
            f"--file={dump}",
        )  # fmt: skip
        _run(command, environment)
    else:
        # SQLite's online backup: a consistent copy while the site writes (WAL).
        connection.ensure_connection()
        with sqlite3.connect(dump) as target:
            connection.connection.backup(target)
        target.close()
    files = []
    if media:
        for name in stored_files(default_storage):
            destination = folder / "media" / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            with (
                default_storage.open(name, "rb") as source,
                open(destination, "wb") as copy,
            ):
                shutil.copyfileobj(source, copy)
            files.append(name)
    manifest = {
        "format": FORMAT,
        "database": vendor,
        "made": timezone.now().isoformat(),
        "media": media,
        "media_files": len(files),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return manifest


def read_manifest(folder: Path) -> dict:
    path = Path(folder) / MANIFEST
    if not path.exists():
        raise BackupError(f"{folder} holds no backup ({MANIFEST} is missing).")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{folder} is a backup of another format.")
    return manifest


def site_restore(*, folder: Path, replace: bool = False) -> dict:
    """Restore the backup in ``folder`` into the default database and the media
    storage. Both must be empty unless ``replace``: then the database's tables and
    the files of the same names are replaced (other files stay). Nothing is
    written until both have been checked."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    vendor = connection.vendor
    if manifest["database"] != vendor:
        raise BackupError(
            f"This backup is of a {manifest['database']} database; the site's "
            f"database is {vendor}."
        )
    media = folder / "media"
    names = (
        sorted(p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file())
        if media.is_dir()
        else []
    )
    if not replace:
        tables = connection.introspection.table_names()
        if tables:
            raise BackupError(
                f"The database {connection.settings_dict['NAME']} is not empty "
                f"({len(tables)} tables). Restore into an empty database, or "
                "replace its content with --replace."
            )
        if next(stored_files(default_storage), None) is not None:
            raise BackupError(
                "The media storage is not empty. Restore into an empty one, or "
                "replace the files of the same names with --replace."
            )
    dump = folder / DUMPS[vendor]
    if vendor == "postgresql":
        options = ["--clean", "--if-exists"] if replace else []
        command, environment = _postgres_command(
            "pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
            "--single-transaction", *options, str(dump),
        )  # fmt: skip
        connection.close()
        _run(command, environment)
    else:
        connection.close()
        with (
            sqlite3.connect(dump) as source,
            sqlite3.connect(connection.settings_dict["NAME"]) as target,
        ):
            source.backup(target)
        source.close()
        target.close()
    for name in names:
        if replace and default_storage.exists(name):
            default_storage.delete(name)
        with open(media / name, "rb") as handle:
            stored = default_storage.save(name, File(handle, name=name))
        if stored != name:
            raise BackupError(f"The storage kept {name} as {stored}.")
    # Pages the cache holds show what was there before: end them all (and the
    # scheduled moments, which are now those of the restored articles).
    content_changed()
    return {**manifest, "restored_files": len(names)}
