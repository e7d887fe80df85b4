from django.core.management.base import BaseCommand

from citations.jobs import source_check, sources_due


class Command(BaseCommand):
    help = (
        "Enqueue a check of every cited address that was never checked or was "
        "last checked more than LINK_CHECK['days'] days ago (run it from cron or "
        "a systemd timer; the worker does the checks)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=0, help="Enqueue at most this many."
        )

    def handle(self, *args, limit=0, **options):
        due = sources_due().values_list("pk", flat=True)
        if limit:
            due = due[:limit]
        count = 0
        for pk in due.iterator() if not limit else due:
            source_check.enqueue(source_id=pk)
            count += 1
        self.stdout.write(f"{count} sources enqueued for a link check")
