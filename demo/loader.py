"""Demo content: the sample article in three languages and a dozen more around it,
and the institute's pages (About us, Team, Contact).

The data lives in ``demo/data`` as JSON; loading it twice changes nothing the second
time (taxonomy and authors are keyed by slug, articles by their slug in the first
language they exist in, pages by their English slug).
"""

import io
import json
import math
import random
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw, ImageFont

from ankasam.slugs import make_slug
from articles.models import Article, Category, Region, Topic
from articles.services import term_save
from authors.models import Author
from authors.services import author_save
from editorial.services import article_save
from frontpage.models import FrontPage, FrontPageItem
from frontpage.services import front_page_changed
from library.models import Image as LibraryImage
from library.services import image_create, image_imported
from pages.models import Page
from pages.services import page_save

DATA_DIR = Path(__file__).resolve().parent / "data"
LANGUAGES = ("tr", "en", "ru")
PALETTE = ["#8c1c13", "#1f4e79", "#2e6b30", "#6b3e8c", "#7a5c00"]


@dataclass
class DemoReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, created: bool) -> None:
        bucket = self.created if created else self.updated
        bucket[kind] = bucket.get(kind, 0) + 1


@transaction.atomic
def demo_load(*, data_dir: Path = DATA_DIR) -> DemoReport:
    """Create or update every demo term, author and article in one transaction."""
    report = DemoReport()
    taxonomy = json.loads((data_dir / "taxonomy.json").read_text(encoding="utf-8"))
    terms = {
        "categories": _load_terms(
            Category, taxonomy["categories"], report, ordered=True
        ),
        "regions": _load_terms(Region, taxonomy["regions"], report),
        "topics": _load_terms(Topic, taxonomy["topics"], report),
    }
    authors_data = json.loads((data_dir / "authors.json").read_text(encoding="utf-8"))
    authors = {
        entry["key"]: _load_author(entry, index, report)
        for index, entry in enumerate(authors_data)
    }
    figures = {
        entry["article"]: (entry, _load_figure(entry, report))
        for entry in json.loads((data_dir / "figures.json").read_text(encoding="utf-8"))
    }
    articles = {}
    for path in sorted((data_dir / "articles").glob("*.json")):
        entry = json.loads(path.read_text(encoding="utf-8"))
        figure = figures.get(entry["key"])
        articles[entry["key"]] = _load_article(entry, terms, authors, report, figure)
    choices = json.loads((data_dir / "frontpage.json").read_text(encoding="utf-8"))
    _load_front_pages(choices, articles, report)
    pages = json.loads((data_dir / "pages.json").read_text(encoding="utf-8"))
    for position, entry in enumerate(pages):
        _load_page(entry, position, report)
    return report


def _load_page(entry, position, report):
    """A static page published in every language, keyed by its English slug."""
    page = Page.objects.filter(slug_en=entry["key"]).first()
    created = page is None
    if created:
        page = Page(slug_en=entry["key"])
    for code in LANGUAGES:
        setattr(page, f"title_{code}", entry["title"][code])
        setattr(page, f"body_{code}", entry["body"][code])
        setattr(page, f"status_{code}", Page.Status.PUBLISHED)
    page.placement = entry["placement"]
    page.position = position
    page_save(page=page)
    report.count("page", created)


def _load_front_pages(choices, articles, report):
    """The lead story and picks of each language, unless editors arranged it since."""
    for code, keys in choices.items():
        page, _created = FrontPage.objects.get_or_create(pk=code)
        if page.items.exists():
            continue
        FrontPageItem.objects.bulk_create(
            FrontPageItem(front_page=page, article=articles[key], position=position)
            for position, key in enumerate(keys)
        )
        front_page_changed(front_page=page)
        report.count("front page", True)


def _load_terms(model, entries, report, *, ordered=False):
    loaded = {}
    for position, entry in enumerate(entries):
        term, created = model.objects.get_or_create(slug_en=entry["key"])
        for code in LANGUAGES:
            setattr(term, f"name_{code}", entry["name"][code])
        if ordered:
            term.position = position
        term_save(term=term)
        report.count(model._meta.model_name, created)
        loaded[entry["key"]] = term
    return loaded


def _load_author(entry, index, report):
    author, created = Author.objects.get_or_create(
        slug=entry["key"], defaults={"name": entry["name"]}
    )
    author.name = entry["name"]
    for code in LANGUAGES:
        setattr(author, f"role_{code}", entry["role"].get(code, ""))
        setattr(author, f"bio_{code}", entry["bio"].get(code, ""))
    author.email = entry.get("email", "")
    author.orcid = entry.get("orcid", "")
    author.x_url = entry.get("x", "")
    author.linkedin_url = entry.get("linkedin", "")
    if not author.photo_id:
        author.photo = _portrait_image(author, PALETTE[index % len(PALETTE)])
    author_save(author=author)
    report.count("author", created)
    return author


def _load_figure(entry, report) -> LibraryImage:
    """A library image for a figure (made once)."""
    image, created = image_imported(
        f"demo/figures/{entry['key']}.jpg",
        lambda key: image_create(
            content=cover(entry["key"], PALETTE[1], marks=entry["marks"]).read(),
            name=f"{entry['key']}.jpg",
            alt=entry["alt"],
            caption=entry["caption"],
            credit=entry["credit"],
            imported_from=key,
        ),
    )
    report.count("library image", created)
    return image


def _portrait_image(author, colour: str) -> LibraryImage:
    """The author's generated portrait, as a library image (made once)."""
    image, _created = image_imported(
        f"demo/portraits/{author.slug}.jpg",
        lambda key: image_create(
            content=portrait(author.name, colour).read(),
            name=f"{author.slug}.jpg",
            alt=dict.fromkeys(LANGUAGES, author.name),
            imported_from=key,
        ),
    )
    return image


def _cover_image(slug: str, category, regions) -> LibraryImage:
    """The article's generated cover, as a library image (made once)."""
    image, _created = image_imported(
        f"demo/covers/{slug}.jpg",
        lambda key: image_create(
            content=cover(slug, PALETTE[category.position % len(PALETTE)]).read(),
            name=f"{slug}.jpg",
            alt={code: cover_alt(code, regions) for code in LANGUAGES},
            imported_from=key,
        ),
    )
    return image


def with_figure(body: str, figure) -> str:
    """``body`` with the library figure after its ``after_paragraph``-th paragraph."""
    if figure is None:
        return body
    entry, image = figure
    markup = f'<figure data-image="{image.pk}" data-size="{entry["size"]}"></figure>'
    parts = body.split("</p>")
    if len(parts) < 2:
        return body + markup
    at = min(entry["after_paragraph"], len(parts) - 1)
    return "</p>".join(parts[:at]) + "</p>" + markup + "</p>".join(parts[at:])


def _load_article(entry, terms, authors, report, figure=None):
    translations = entry["translations"]
    first = next(code for code in LANGUAGES if code in translations)
    slug = make_slug(translations[first]["title"])
    article = Article.objects.filter(**{f"slug_{first}": slug}).first()
    created = article is None
    if created:
        article = Article()  # slugs are made on save, unique per language
    published_at = datetime.fromisoformat(entry["published_at"])
    for code in LANGUAGES:
        version = translations.get(code, {})
        setattr(article, f"title_{code}", version.get("title", ""))
        if not version:
            setattr(article, f"slug_{code}", None)
        setattr(article, f"summary_{code}", version.get("summary", ""))
        body = version.get("body", "")
        setattr(article, f"body_{code}", with_figure(body, figure) if body else "")
        # Every version the demo has is published, on the article's date.
        setattr(
            article,
            f"status_{code}",
            Article.Status.PUBLISHED if version else Article.Status.DRAFT,
        )
        setattr(article, f"published_at_{code}", published_at if version else None)
    article.original_language = first
    article.category = terms["categories"][entry["category"]]
    if not article.featured_image_id:
        regions = [terms["regions"][key] for key in entry["regions"]]
        article.featured_image = _cover_image(slug, article.category, regions)
    # One set of citations serves every language. The English notes are the sample's
    # originals (typos and all), so they win; otherwise the first language's.
    notes_from = next(
        (
            code
            for code in ("en", "tr", "ru")
            if translations.get(code, {}).get("footnotes")
        ),
        None,
    )
    paste = ""
    if notes_from:
        notes = translations[notes_from]["footnotes"]
        paste = "\n".join(f"[{n}] {note}" for n, note in enumerate(notes, start=1))
    article_save(
        article=article,
        regions=[terms["regions"][key] for key in entry["regions"]],
        topics=[terms["topics"][key] for key in entry["topics"]],
        byline=[authors[key] for key in entry["authors"]],
        citations=[],
        paste=paste,
    )
    updated_at = datetime.fromisoformat(
        entry.get("updated_at") or entry["published_at"]
    )
    Article.objects.filter(pk=article.pk).update(updated_at=updated_at)
    report.count("article", created)
    return article


COVER_ALT = {
    "tr": "Çizim: enlem ve boylam çizgileriyle bir küre",
    "en": "Illustration: a globe drawn with lines of latitude and longitude",
    "ru": "Иллюстрация: глобус с линиями широт и долгот",
}
COVER_REGIONS = {
    "tr": "; öne çıkan bölge: {}",
    "en": "; the region marked: {}",
    "ru": "; отмечен регион: {}",
}


def cover_alt(code: str, regions) -> str:
    """The cover's description in ``code``, naming the article's regions."""
    names = ", ".join(getattr(region, f"name_{code}") for region in regions)
    return COVER_ALT[code] + (COVER_REGIONS[code].format(names) if names else "")


def cover(
    seed: str, colour: str, size: tuple[int, int] = (1600, 900), marks=None
) -> ContentFile:
    """A generated cover (JPEG): a graticule globe, turned by ``seed``, on a
    gradient of ``colour``, with one marked place (or the given ``marks``,
    latitude and longitude in degrees, with the globe turned to face them). The
    same seed gives the same picture, so loading the demo twice stores the same
    image."""
    rng = random.Random(seed)
    width, height = size
    base = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):  # darker towards the bottom
        shade = 1 - 0.45 * y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(c * shade) for c in base))
    radius = height * 0.42
    cx, cy = width * rng.uniform(0.55, 0.7), height / 2
    turn, tilt = rng.uniform(0, math.pi), rng.uniform(0.2, 0.6)
    if marks:  # face the marks' middle
        turn = math.radians(sum(lon for _lat, lon in marks) / len(marks))
        tilt = math.radians(sum(lat for lat, _lon in marks) / len(marks))

    def project(lat, lon):
        x = math.cos(lat) * math.sin(lon - turn)
        y = math.sin(lat) * math.cos(tilt) - math.cos(lat) * math.cos(lon - turn) * (
            math.sin(tilt)
        )
        z = math.sin(lat) * math.sin(tilt) + math.cos(lat) * math.cos(lon - turn) * (
            math.cos(tilt)
        )
        return (cx + radius * x, cy - radius * y), z >= 0

    line = (255, 255, 255)
    draw.ellipse(
        [cx - radius, cy - radius, cx + radius, cy + radius], outline=line, width=3
    )
    steps = [math.radians(d) for d in range(-180, 181, 3)]
    for lat_deg in range(-75, 76, 15):
        lat = math.radians(lat_deg)
        _graticule(draw, [project(lat, lon) for lon in steps], line)
    for lon_deg in range(0, 360, 20):
        lon = math.radians(lon_deg)
        _graticule(draw, [project(lat / 2, lon) for lat in steps], line)
    places = [project(math.radians(lat), math.radians(lon)) for lat, lon in marks or ()]
    for _ in range(0 if marks else 200):  # a visible place for the one mark
        place = project(
            math.radians(rng.uniform(-50, 60)), math.radians(rng.uniform(-180, 180))
        )
        if place[1]:
            places = [place]
            break
    for (x, y), _front in places:
        for r, fill in ((34, None), (12, (255, 214, 102))):
            draw.ellipse(
                [x - r, y - r, x + r, y + r],
                outline=(255, 214, 102),
                width=4,
                fill=fill,
            )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return ContentFile(buffer.getvalue())


def _graticule(draw, points, colour) -> None:
    """Draw the front-facing runs of a projected line."""
    run = []
    for point, front in [*points, ((0, 0), False)]:
        if front:
            run.append(point)
            continue
        if len(run) > 1:
            draw.line(run, fill=colour, width=2)
        run = []


def portrait(name: str, colour: str, size: int = 400) -> ContentFile:
    """A generated portrait: the author's initials on a coloured square (JPEG)."""
    image = Image.new("RGB", (size, size), colour)
    draw = ImageDraw.Draw(image)
    initials = "".join(part[0] for part in name.replace(".", " ").split()[-2:]).upper()
    font = ImageFont.load_default(size=size // 3)
    draw.text((size / 2, size / 2), initials, fill="#ffffff", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return ContentFile(buffer.getvalue())
