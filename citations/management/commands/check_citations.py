from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from articles.models import Article
from citations.checks import check_article


class Command(BaseCommand):
    help = (
        "Check the footnotes of every article: markers without citations, citations "
        "without markers, translations whose markers differ, missing or future access "
        "dates. Exits with status 1 when a problem is found."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--language",
            default="en",
            choices=["tr", "en", "ru"],
            help="Language of the messages (default: en).",
        )

    def handle(self, *args, language, **options):
        found = 0
        with translation.override(language):
            articles = Article.objects.all()
            for article in articles.iterator(chunk_size=200):
                problems = check_article(article)
                if not problems:
                    continue
                found += len(problems)
                self.stdout.write(f"#{article.pk} {article}")
                for problem in problems:
                    self.stdout.write(f"  - {problem.message}")
        if found:
            raise CommandError(f"{found} footnote problem(s) found.")
        self.stdout.write(self.style.SUCCESS("All footnotes are in order."))
