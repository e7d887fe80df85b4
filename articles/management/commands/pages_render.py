from django.core.management.base import BaseCommand

from articles.jobs import pages_refresh
from articles.stored import pages_render_needed


class Command(BaseCommand):
    help = (
        "Render the stored page parts of the articles that need it: published "
        "versions with none, stale ones, and ones rendered by other templates or "
        "translations (after a deploy). Pages without parts are rendered on the "
        "fly meanwhile. --all renders every article; --worker leaves the work to "
        "the worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="every article")
        parser.add_argument(
            "--worker", action="store_true", help="queue the job for the worker"
        )

    def handle(self, *args, **options):
        if options["worker"]:
            pages_refresh.enqueue()
            self.stdout.write("The worker will render the stored parts.")
            return
        count = pages_render_needed(everything=options["all"])
        self.stdout.write(f"Rendered the stored parts of {count} articles.")
