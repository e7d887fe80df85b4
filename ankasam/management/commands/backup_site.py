from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ankasam.backups import BackupError, site_backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump custom format, or SQLite's online backup) "
        "and every file of the media storage into a new folder (docs/production.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="a folder that does not exist")
        parser.add_argument(
            "--no-media",
            action="store_true",
            help="the database only (the media bucket is copied by other means)",
        )

    def handle(self, *args, folder, no_media, **options):
        try:
            manifest = site_backup(folder=folder, media=not no_media)
        except BackupError as error:
            raise CommandError(str(error)) from error
        media = (
            f"{manifest['media_files']} media file(s)"
            if manifest["media"]
            else ("no media")
        )
        self.stdout.write(
            f"Backed up the {manifest['database']} database and {media} to {folder}."
        )
