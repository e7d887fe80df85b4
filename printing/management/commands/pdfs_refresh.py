from django.core.management.base import BaseCommand

from articles.models import Article
from printing.jobs import pdfs_enqueue


class Command(BaseCommand):
    help = (
        "Enqueue the PDF job of every language version of every article: PDFs "
        "that are current stay as they are, missing or outdated ones are made, "
        "those of versions readers cannot see are removed."
    )

    def handle(self, *args, **options):
        count = 0
        for article in Article.objects.order_by("pk").iterator():
            pdfs_enqueue(article)
            count += 1
        self.stdout.write(f"{count} articles enqueued")
