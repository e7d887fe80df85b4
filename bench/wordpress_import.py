"""Time the WordPress import of a generated 10,000-post export (a benchmark).

    .venv/bin/python bench/wordpress_import.py [--posts 10000] [--database-url URL]

Generates a Polylang export: posts in groups of three translations (tr, en, ru),
each with its own generated title, summary and 200 to 700 words (``textgen``, as
varied as a real archive's) before the sample's text and its seven footnotes (the
first note's address drawn from a pool of 100, the others cited by every post, so
sources are shared across posts), two tags
from a pool of 200, one of 8 categories named in three languages, one of 20 authors,
block-editor and classic bodies alternating. It then imports it into a fresh SQLite
database (a temporary file unless --database-url is given), and imports it a second
time (everything unchanged; not with --once). Target: the first import of 10,000
posts in under two minutes on a 2-core machine.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ankasam.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")


def generate(path: Path, posts: int) -> int:
    """Write a Polylang export of ``posts`` posts to ``path``; returns its size."""
    from bench.textgen import load_languages, version_text
    from tests.wordpress import builders

    languages = load_languages()
    rng = random.Random(posts)
    codes = ("tr", "en", "ru")
    notes = {"tr": builders.NOTES_TR, "en": builders.NOTES_EN, "ru": builders.NOTES_RU}
    bodies = {"tr": builders.BODY_TR, "en": builders.BODY_EN, "ru": builders.BODY_RU}
    terms = [builders.polylang_languages()]
    for n in range(8):
        ids = {code: 1000 + n * 3 + i for i, code in enumerate(codes)}
        for code in codes:
            terms.append(
                builders.category(ids[code], f"cat-{n}-{code}", f"Cat {n} {code}")
            )
        terms.append(
            builders.term(
                2000 + n,
                "term_translations",
                f"pll_cat_{n}",
                f"pll_cat_{n}",
                builders.php_map(ids),
            )
        )
    groups = (posts + 2) // 3
    items = []
    written = 0
    for group in range(groups):
        size = min(3, posts - written)
        ids = {codes[i]: 10_000 + group * 3 + i for i in range(size)}
        slug = f"pll_{group}"
        terms.append(builders.polylang_group(50_000 + group, slug, ids))
        day = 1 + group % 28
        for code, post_id in ids.items():
            text = notes[code]
            for n in range(1, 5):
                # The first note's address comes from a pool shared by posts.
                text = text.replace(
                    f"[{n}] “", f"[{n}] “Kaynak {(group * 4 + n) % 400} ", 1
                )
                text = text.replace(
                    "https://www.aljazeera.com/news/2023/11/3/",
                    f"https://example.org/{(group * 4 + n) % 400}/",
                    1,
                )
            # Varied words before the sample's text (which carries the note
            # markers): titles, summaries and bodies differ as in a real archive.
            words = version_text(languages[code], rng, rng.randint(200, 700))
            body = "".join(f"<p>{p}</p>\n\n" for p in words["paragraphs"])
            body += bodies[code]
            if group % 2:
                body = "".join(
                    f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->\n\n"
                    for p in body.split("\n\n")
                    if p.strip()
                )
            items.append(
                builders.item(
                    post_id=post_id,
                    title=words["title"],
                    slug=f"analiz-{group}-{code}",
                    content=body + text,
                    excerpt=words["summary"],
                    date=f"2023-{1 + group % 12:02d}-{day:02d} 10:00:00",
                    creator=f"author{group % 20}",
                    terms=[
                        ("category", f"cat-{group % 8}-{code}", f"Cat {group % 8}"),
                        ("post_tag", f"tag-{group % 200}", f"Etiket {group % 200}"),
                        ("post_tag", f"tag-{(group + 7) % 200}", "Etiket"),
                        ("language", code, builders.LANGUAGE_NAMES[code]),
                        ("post_translations", slug, slug),
                    ],
                )
            )
            written += 1
    authors = tuple(
        (f"author{n}", f"author{n}@ankasam.example", f"Yazar {n}") for n in range(20)
    )
    text = builders.export(items=items, terms="".join(terms), authors=authors)
    path.write_text(text, encoding="utf-8")
    return path.stat().st_size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--database-url", help="default: a new temporary SQLite file")
    parser.add_argument(
        "--once", action="store_true", help="only the first import (to fill a database)"
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="wp-bench-"))
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir}/bench.db"
    os.environ["DJANGO_MEDIA_ROOT"] = str(workdir / "media")

    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import translation

    from articles.models import Article
    from citations.models import Citation, Source
    from wordpress.services import wordpress_import

    if not args.database_url:
        call_command("migrate", verbosity=0, run_syncdb=True)
    export = workdir / "export.xml"
    start = time.perf_counter()
    size = generate(export, args.posts)
    generated = time.perf_counter() - start
    runs = []
    with translation.override("en"):
        labels = ("first import", "second import (unchanged)")
        for label in labels[:1] if args.once else labels:
            start = time.perf_counter()
            report = wordpress_import(path=export)
            runs.append((label, time.perf_counter() - start, report))
    print(  # noqa: T201
        f"export: {args.posts} posts, {size / 1e6:.1f} MB, generated in "
        f"{generated:.1f} s"
    )
    for label, seconds, report in runs:
        print(  # noqa: T201
            f"{label:26} {seconds:6.1f} s  posts {dict(report.items['post'])}"
        )
    print(  # noqa: T201
        f"database: {Article.objects.count()} articles, "
        f"{Citation.objects.count()} citations, {Source.objects.count()} sources"
    )


if __name__ == "__main__":
    main()
