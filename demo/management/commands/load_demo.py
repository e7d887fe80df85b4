from django.core.management.base import BaseCommand
from django.utils import translation

from demo.loader import demo_load
from pagecache.versions import batched_changes


class Command(BaseCommand):
    help = "Load the demo articles, authors and taxonomy (safe to run again)."

    def handle(self, *args, **options):
        with translation.override("tr"), batched_changes():
            report = demo_load()
        for kind in sorted(set(report.created) | set(report.updated)):
            self.stdout.write(
                f"{kind}: {report.created.get(kind, 0)} created, "
                f"{report.updated.get(kind, 0)} updated"
            )
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
