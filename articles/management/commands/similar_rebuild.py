from django.core.management.base import BaseCommand

from articles.similar import similar_rebuild
from pagecache import tags
from pagecache.versions import invalidate


class Command(BaseCommand):
    help = "Rank every article's similar lists again, in every language."

    def handle(self, *args, **options):
        count = similar_rebuild()
        invalidate({tags.SITE})
        self.stdout.write(f"Ranked the similar lists of {count} articles.")
