import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from wordpress.services import wordpress_import
from wordpress.wxr import WXRError


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR 1.1/1.2): posts with their Polylang or WPML "
        "translations as articles, authors, categories and tags, featured images "
        "from --media-root and footnotes as citations. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The WordPress export file (.xml).")
        parser.add_argument(
            "--media-root",
            type=Path,
            help="A copy of wp-content/uploads; featured images are read from it.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would happen and write nothing.",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Also update articles edited (or deleted) here since the last import.",
        )
        parser.add_argument(
            "--messages-language",
            default="en",
            choices=[code for code, _name in settings.LANGUAGES],
            help="Language of the report (default: en).",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="Language of posts without translation information "
            "(default: the export's).",
        )

    def handle(self, *args, export, media_root, dry_run, overwrite, language, **opts):
        messages_language = opts["messages_language"]
        if media_root is not None and not media_root.is_dir():
            raise CommandError(f"--media-root {media_root} is not a folder.")
        show_progress = opts["verbosity"] >= 1
        with translation.override(messages_language):
            try:
                report = wordpress_import(
                    path=export,
                    media_root=media_root,
                    dry_run=dry_run,
                    overwrite=overwrite,
                    language=language,
                    progress=self.progress if show_progress else None,
                )
            except WXRError as error:
                raise CommandError(str(error)) from error
            if show_progress:
                self.stderr.write("")
            for line in report.lines():
                self.stdout.write(line)
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
        else:
            self.stdout.write(self.style.SUCCESS("The WordPress export is imported."))

    def progress(self, done: int, total: int) -> None:
        """A one-line progress bar on standard error, redrawn in place."""
        if done != total and done % 25:
            return
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * filled + "-" * (width - filled)
        self.stderr.write(f"\r[{bar}] {done}/{total}", ending="")
        if hasattr(self.stderr, "flush"):
            self.stderr.flush()
        elif sys.stderr:
            sys.stderr.flush()
