from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ankasam.backups import BackupError, site_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_site into the site's database and media "
        "storage, which must be empty unless --replace (docs/production.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="a folder backup_site wrote")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="replace the database's content and the media files of the same "
            "names instead of refusing a database or storage that is not empty",
        )

    def handle(self, *args, folder, replace, **options):
        try:
            restored = site_restore(folder=folder, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the {restored['database']} database of {restored['made']} "
            f"and {restored['restored_files']} media file(s). Run "
            "`manage.py migrate` if this code is newer than the backup."
        )
