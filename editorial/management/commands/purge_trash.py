from django.core.management.base import BaseCommand

from editorial.services import trash_purge


class Command(BaseCommand):
    help = "Delete for good the articles that have been in the trash over 30 days."

    def handle(self, *args, **options):
        self.stdout.write(f"{trash_purge()} article(s) deleted from the trash.")
