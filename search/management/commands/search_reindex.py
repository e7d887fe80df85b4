from django.core.management.base import BaseCommand

from search.indexing import reindex_all


class Command(BaseCommand):
    help = "Rebuild the search entries of every article."

    def handle(self, *args, **options):
        count = reindex_all()
        self.stdout.write(f"Indexed {count} articles.")
