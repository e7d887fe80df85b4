from django.core.management.base import BaseCommand

from editorial.autosave import KEEP_DAYS, autosave_purge
from editorial.services import trash_purge


class Command(BaseCommand):
    help = (
        "Delete for good the articles that have been in the trash over 30 days, and "
        f"unsaved changes nobody can use any more (kept over {KEEP_DAYS} days ago, "
        "older than their article's last save, or of an article that is gone)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{trash_purge()} article(s) deleted from the trash.")
        self.stdout.write(f"{autosave_purge()} unsaved form(s) forgotten.")
