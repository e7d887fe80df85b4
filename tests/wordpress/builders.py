"""WordPress exports built in code: Polylang, WPML and Co-Authors Plus sites, and
ANKASAM's footnotes."""

from pathlib import Path
from xml.sax.saxutils import escape

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/{version}/">
<channel>
<title>ANKASAM</title>
<link>{site}</link>
<language>{language}</language>
<wp:wxr_version>{version}</wp:wxr_version>
<wp:base_site_url>{site}</wp:base_site_url>
<wp:base_blog_url>{site}</wp:base_blog_url>
"""

AUTHOR = """<wp:author><wp:author_id>{n}</wp:author_id>
<wp:author_login><![CDATA[{login}]]></wp:author_login>
<wp:author_email><![CDATA[{email}]]></wp:author_email>
<wp:author_display_name><![CDATA[{name}]]></wp:author_display_name>
<wp:author_first_name><![CDATA[]]></wp:author_first_name>
<wp:author_last_name><![CDATA[]]></wp:author_last_name></wp:author>
"""

LANGUAGE_NAMES = {"tr": "Türkçe", "en": "English", "ru": "Русский"}
LOCALES = {"tr": "tr_TR", "en": "en_US", "ru": "ru_RU"}


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def php_map(mapping: dict) -> str:
    """PHP's serialize() of a string => int/string map."""
    parts = []
    for key, value in mapping.items():
        parts.append(f's:{len(key.encode())}:"{key}";')
        if isinstance(value, int):
            parts.append(f"i:{value};")
        else:
            parts.append(f's:{len(value.encode())}:"{value}";')
    return f"a:{len(mapping)}:{{{''.join(parts)}}}"


def termmeta(meta: dict[str, str] | None) -> str:
    """``<wp:termmeta>`` as WordPress 4.6+ exports a term's meta."""
    return "".join(
        f"<wp:termmeta><wp:meta_key>{cdata(k)}</wp:meta_key>"
        f"<wp:meta_value>{cdata(v)}</wp:meta_value></wp:termmeta>"
        for k, v in (meta or {}).items()
    )


def term(
    term_id: int,
    taxonomy: str,
    slug: str,
    name: str,
    description="",
    *,
    parent="",
    meta=None,
) -> str:
    return (
        f"<wp:term><wp:term_id>{term_id}</wp:term_id>"
        f"<wp:term_taxonomy>{taxonomy}</wp:term_taxonomy>"
        f"<wp:term_slug>{cdata(slug)}</wp:term_slug>"
        f"<wp:term_parent>{cdata(parent)}</wp:term_parent>"
        f"<wp:term_name>{cdata(name)}</wp:term_name>"
        f"<wp:term_description>{cdata(description)}</wp:term_description>"
        f"{termmeta(meta)}</wp:term>\n"
    )


def category(
    term_id: int, slug: str, name: str, *, parent="", description="", meta=None
) -> str:
    return (
        f"<wp:category><wp:term_id>{term_id}</wp:term_id>"
        f"<wp:category_nicename>{cdata(slug)}</wp:category_nicename>"
        f"<wp:category_parent>{cdata(parent)}</wp:category_parent>"
        f"<wp:cat_name>{cdata(name)}</wp:cat_name>"
        f"<wp:category_description>{cdata(description)}</wp:category_description>"
        f"{termmeta(meta)}</wp:category>\n"
    )


def tag(term_id: int, slug: str, name: str, *, description="", meta=None) -> str:
    return (
        f"<wp:tag><wp:term_id>{term_id}</wp:term_id>"
        f"<wp:tag_slug>{cdata(slug)}</wp:tag_slug>"
        f"<wp:tag_name>{cdata(name)}</wp:tag_name>"
        f"<wp:tag_description>{cdata(description)}</wp:tag_description>"
        f"{termmeta(meta)}</wp:tag>\n"
    )


def wpml_meta(language: str, group: str, *, source: str = "") -> dict[str, str]:
    """The fields WPML Export and Import writes into a post's or a term's meta:
    the language, the translation group (WPML's trid) and the original's language
    (empty on the original)."""
    return {
        "_wpml_import_language_code": language,
        "_wpml_import_translation_group": group,
        "_wpml_import_source_language_code": source,
    }


def polylang_languages(codes=("tr", "en", "ru")) -> str:
    return "".join(
        term(
            900 + n,
            "language",
            code,
            LANGUAGE_NAMES[code],
            php_map({"locale": LOCALES[code], "rtl": 0, "flag_code": code}),
        )
        for n, code in enumerate(codes)
    )


def polylang_group(term_id: int, slug: str, posts: dict[str, int]) -> str:
    return term(term_id, "post_translations", slug, slug, php_map(posts))


def item(
    *,
    post_id: int,
    title: str,
    content: str = "",
    status: str = "publish",
    post_type: str = "post",
    slug: str | None = None,
    date: str = "2023-11-05 10:00:00",
    date_gmt: str | None = None,
    modified_gmt: str = "",
    creator: str = "zeki",
    excerpt: str = "",
    password: str = "",
    terms: list[tuple[str, str, str]] = (),
    meta: dict[str, str] | None = None,
    attachment_url: str = "",
    sticky: bool = False,
    comments: int = 0,
    site: str = "https://ankasam.example",
) -> str:
    """One <item>; ``terms`` are (domain, nicename, name) triples."""
    slug = slug if slug is not None else f"post-{post_id}"
    date_gmt = date_gmt if date_gmt is not None else date
    categories = "".join(
        f'<category domain="{d}" nicename="{escape(n)}">{cdata(name)}</category>'
        for d, n, name in terms
    )
    metas = "".join(
        f"<wp:postmeta><wp:meta_key>{cdata(k)}</wp:meta_key>"
        f"<wp:meta_value>{cdata(v)}</wp:meta_value></wp:postmeta>"
        for k, v in (meta or {}).items()
    )
    modified = (
        f"<wp:post_modified_gmt>{modified_gmt}</wp:post_modified_gmt>"
        if modified_gmt
        else ""
    )
    attachment = (
        f"<wp:attachment_url>{attachment_url}</wp:attachment_url>"
        if attachment_url
        else ""
    )
    year, month, day = date[:4], date[5:7], date[8:10]
    return f"""<item>
<title>{escape(title)}</title>
<link>{site}/{year}/{month}/{day}/{slug}/</link>
<dc:creator>{cdata(creator)}</dc:creator>
<content:encoded>{cdata(content)}</content:encoded>
<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id>
<wp:post_date>{date}</wp:post_date>
<wp:post_date_gmt>{date_gmt}</wp:post_date_gmt>
{modified}
<wp:post_name>{cdata(slug)}</wp:post_name>
<wp:status>{status}</wp:status>
<wp:post_parent>0</wp:post_parent>
<wp:post_type>{post_type}</wp:post_type>
<wp:post_password>{cdata(password)}</wp:post_password>
<wp:is_sticky>{int(sticky)}</wp:is_sticky>
{attachment}
{categories}
{metas}
{comment_elements(comments)}
</item>
"""


def comment_elements(count: int) -> str:
    return "".join(
        f"<wp:comment><wp:comment_id>{n}</wp:comment_id>"
        f"<wp:comment_content>{cdata('Katılıyorum.')}</wp:comment_content>"
        "</wp:comment>"
        for n in range(1, count + 1)
    )


# --- Co-Authors Plus ------------------------------------------------------------------


def coauthor(login: str) -> tuple[str, str, str]:
    """A post's Co-Authors Plus byline term: slug cap-<nicename>, name the login."""
    return ("author", f"cap-{login}", login)


def author_term(term_id: int, login: str, description: str) -> str:
    """The ``author`` term as Co-Authors Plus keeps it: its description lists
    "display_name first_name last_name user_login ID user_email" for searching."""
    return term(term_id, "author", f"cap-{login}", login, description)


def guest_author(
    post_id: int, login: str, display_name: str, *, photo: int = 0, **fields: str
) -> str:
    """A Co-Authors Plus guest author: a ``guest-author`` post named cap-<login>
    with its profile in ``cap-*`` post meta (``fields`` without the prefix) and its
    photo as the post's featured image."""
    meta = {"cap-display_name": display_name, "cap-user_login": login}
    meta |= {f"cap-{key}": value for key, value in fields.items()}
    if photo:
        meta["_thumbnail_id"] = str(photo)
    return item(
        post_id=post_id,
        title=display_name,
        post_type="guest-author",
        slug=f"cap-{login}",
        terms=[coauthor(login)],
        meta=meta,
    )


def export(
    *,
    items: list[str],
    terms: str = "",
    language: str = "tr",
    version: str = "1.2",
    site: str = "https://ankasam.example",
    authors: tuple[tuple[str, str, str], ...] = (
        ("zeki", "zeki@ankasam.example", "Zeki Talustan Gülten"),
    ),
) -> str:
    head = HEADER.format(version=version, site=site, language=language)
    people = "".join(
        AUTHOR.format(n=n, login=login, email=email, name=name)
        for n, (login, email, name) in enumerate(authors, start=1)
    )
    return head + people + terms + "".join(items) + "</channel>\n</rss>\n"


# --- ANKASAM's North Korea article, its notes as the site printed them ---------------

SAMPLE = (
    Path(__file__).resolve().parents[3]
    / "shared/samples/north-korea-diplomatic-missions.en.txt"
).read_text(encoding="utf-8")
# The English version as the site printed it: body, then the seven notes.
BODY_EN = SAMPLE[SAMPLE.index("North Korea announced") : SAMPLE.index("[1] “North")]
NOTES_EN = SAMPLE[SAMPLE.index("[1] “North") : SAMPLE.index("[7] Aynı yer.") + 13]
NOTES_TR = NOTES_EN
NOTES_RU = (
    NOTES_EN.replace("Erişim Tarihi", "Дата обращения")
    .replace("[6] Aynı yer.", "[6] Там же.")
    .replace("[7] Aynı yer.", "[7] Там же.")
)
BODY_TR = (
    "Kuzey Kore, bazı diplomatik temsilciliklerini kapatma kararı aldığını "
    "duyurdu. [1] Uzmanlara göre Pyongyang 10 büyükelçiliği daha kapatabilir. [2]"
    "\n\nGüney Kore Birleşme Bakanlığı bir açıklama yaptı. [3] Kuzey Kore "
    "1990'larda da temsilciliklerinin çoğunu kapatmıştı. [4]\n"
    "Kapatmalar yaptırımların “işareti”.[5]\n\nCho şu açıklamayı yaptı: [6] "
    "Bir düşüşün kaçınılmaz olduğunu ekledi. [7]\n\n"
)
BODY_RU = (
    "Северная Корея объявила о закрытии ряда дипломатических миссий. [1] По "
    "мнению экспертов, Пхеньян может закрыть ещё 10 посольств. [2]\n\n"
    "Министерство объединения Южной Кореи сделало заявление. [3] В 1990-х годах "
    "КНДР уже закрывала большинство миссий. [4]\nЗакрытия — «признак санкций».[5]"
    "\n\nЧо заявил: [6] Он добавил, что сокращение неизбежно. [7]\n\n"
)


def north_korea_polylang(*, ids=(101, 102, 103), group="pll_nk", extra_items=()):
    """The North Korea article as Polylang exports it: three linked posts."""
    tr, en, ru = ids
    categories = [
        ("category", "analiz", "Analiz"),
        ("category", "analysis", "Analysis"),
        ("category", "analiz-ru", "Анализ"),
    ]
    terms = (
        polylang_languages()
        + category(11, "analiz", "Analiz")
        + category(12, "analysis", "Analysis")
        + category(13, "analiz-ru", "Анализ")
        + term(
            20,
            "term_translations",
            "pll_terms_analiz",
            "pll_terms_analiz",
            php_map({"tr": 11, "en": 12, "ru": 13}),
        )
        + polylang_group(30, group, {"tr": tr, "en": en, "ru": ru})
    )
    versions = [
        (tr, "tr", "Kuzey Kore’nin Diplomatik Temsilciliklerini Kapatma Kararı",
         "kuzey-korenin-diplomatik-temsilciliklerini-kapatma-karari",
         BODY_TR + NOTES_TR, categories[0]),
        (en, "en", "North Korea’s Decision to Shutdown The Diplomatic Missions",
         "north-koreas-decision-to-shutdown-the-diplomatic-missions",
         BODY_EN + NOTES_EN, categories[1]),
        (ru, "ru", "Решение Северной Кореи закрыть дипломатические миссии",
         "%d1%80%d0%b5%d1%88%d0%b5%d0%bd%d0%b8%d0%b5", BODY_RU + NOTES_RU,
         categories[2]),
    ]  # fmt: skip
    items = [
        item(
            post_id=post_id,
            title=title,
            slug=slug,
            content=content,
            excerpt=f"{title}.",
            terms=[
                cat,
                ("post_tag", f"kuzey-kore-{code}", "Kuzey Kore"),
                ("language", code, LANGUAGE_NAMES[code]),
                ("post_translations", group, group),
            ],
        )
        for post_id, code, title, slug, content, cat in versions
    ]
    return export(items=[*items, *extra_items], terms=terms)
