"""An export with one of everything the import drops, changes or cannot read.

``first_export()`` is a WPML site whose export says nothing of its terms' languages;
``second_export()`` is the same site exported again later, with WPML Export and
Import's term meta, two posts linked as translations, and a few new posts. Each post
is there for the report lines its comment names.
"""

from . import builders
from .builders import item, wpml_meta

SITE_AUTHORS = (("zeki", "zeki@ankasam.example", "Zeki Talustan Gülten"),)
BROKEN_NOTE = builders.NOTES_TR.replace(
    "(Erişim Tarihi: 04.11.2023).\n\n[4]", "(Erişim Tarihi: dün).\n\n[4]"
)
TOO_LONG_TITLE_NOTE = (
    "[1] “" + "Çok uzun bir başlık " * 30 + "”, ANKASAM, "
    "https://ankasam.example/uzun, (Erişim Tarihi: 04.11.2023)."
)
EXTRA_NOTE_EN = (
    "[8] “Another Source”, Outlet, https://other.example/8, (Accessed: 04.11.2023)."
)
RICH_BODY = (
    "<h1>Giriş</h1>\n\nMetin [1] ve görsel <img src='a.jpg' alt=''>.\n\n"
    '<iframe src="https://video.example/1"></iframe>\n\n[gallery ids="1,2"]\n\n'
)


def post(post_id, title="Yazı", **fields):
    fields.setdefault("content", f"{title}: metin.")
    fields.setdefault("terms", [("category", "analiz", "Analiz")])
    return item(post_id=post_id, title=title, slug=f"yazi-{post_id}", **fields)


def group_member(post_id, code, group, *, source="tr", **fields):
    meta = wpml_meta(code, group, source="" if code == source else source)
    meta |= fields.pop("meta", {})
    return post(post_id, meta=meta, **fields)


def attachment(post_id, path):
    return item(
        post_id=post_id,
        title="görsel",
        status="inherit",
        post_type="attachment",
        attachment_url=f"https://ankasam.example/wp-content/uploads/{path}",
        meta={"_wp_attached_file": path},
    )


def first_items():
    return [
        # A translation group: the original carries most of what is dropped.
        group_member(
            1001,
            "tr",
            "g1",
            title="<em>Yaptırımlar</em> ve Diplomasi",
            content=RICH_BODY + builders.BODY_TR + builders.NOTES_TR,
            excerpt='Kısa <a href="https://ankasam.example">özet</a>.',
            comments=2,
            sticky=True,
            terms=[
                ("category", "analiz", "Analiz"),
                ("category", "alt", "Alt Kategori"),
                ("post_tag", "yaptirimlar", "Yaptırımlar"),
                ("post_format", "post-format-aside", "Aside"),
            ],
            meta={"alt_baslik": "Bir alt başlık", "_wp_old_slug": "eski-adres"},
        ),
        # Its English translation: a draft, posted by a translator, with its own
        # category and one more footnote than the Turkish list.
        group_member(
            1002,
            "en",
            "g1",
            title="Sanctions and Diplomacy",
            status="draft",
            creator="cevirmen",
            content=builders.BODY_EN
            + builders.NOTES_EN.replace("[7] Aynı yer.", "")
            + EXTRA_NOTE_EN,
            terms=[("category", "central-asia", "Central Asia")],
        ),
        group_member(1004, "de", "g1", title="Sanktionen"),
        group_member(1005, "tr", "g1", title="İkinci Türkçe sürüm"),
        post(1010, status="trash"),
        post(1020, password="gizli"),
        post(1021, status="pending"),
        post(1022, status="private"),
        post(1023, status="future", date="2020-01-01 10:00:00"),
        post(1024, date="0000-00-00 00:00:00", date_gmt="0000-00-00 00:00:00"),
        post(1025, content="", excerpt="Yalnızca özet."),
        post(1026, title=""),
        post(1027, title="Çok uzun başlık " * 25),
        item(
            post_id=1028,
            title="Решение",
            content="Текст.",
            slug="%d1%80%d0%b5%d1%88%d0%b5%d0%bd%d0%b8%d0%b5",
        ),
        item(post_id=1029, title="Alınmış", content="Metin.", slug="alinmis"),
        post(1030, meta={"_thumbnail_id": "9999"}),
        post(1031, meta={"_thumbnail_id": "2031"}),
        post(1032, meta={"_thumbnail_id": "2032"}),
        post(1033, meta={"_thumbnail_id": "2033"}),
        attachment(2031, "2023/11/yok.png"),
        attachment(2032, "2023/11/bozuk.png"),
        attachment(2033, "2023/11/gorsel.png"),
        attachment(2099, "2023/11/kullanilmayan.png"),
        post(1034, content=builders.BODY_TR + BROKEN_NOTE),
        post(1035, content="Metin. [1]\n\n" + TOO_LONG_TITLE_NOTE),
        # Co-Authors Plus: a guest author, and a co-author known only by its term.
        post(
            1036,
            terms=[
                builders.coauthor("misafir"),
                builders.coauthor("zeki"),
                builders.coauthor("hayalet"),
            ],
        ),
        builders.guest_author(
            3001,
            "misafir",
            "Misafir Yazar",
            user_email="yanlis-adres",
            website="https://misafir.example",
            photo=2099,
        ),
        builders.guest_author(3002, "kimse", "Kimse"),
        post(1038, creator="yabanci"),
        post(1039, creator=""),
        post(1040, terms=[]),
        # Images in the text: one brought into the library (its attachment named
        # by its class, the resized copy's original read), one whose file is not
        # there, one that is no image, one in a footnote line.
        post(
            1041,
            content='<figure class="wp-block-image alignleft"><img src="https://'
            'ankasam.example/wp-content/uploads/2023/11/gorsel-300x200.png" '
            'alt="Bir görsel" class="wp-image-2033"><figcaption>Görselin '
            "<em>açıklaması</em></figcaption></figure>\n\nMetin.\n\n<img src='"
            "https://ankasam.example/wp-content/uploads/2023/11/harita-1024x768"
            ".png' alt='Bir harita'>",
        ),
        post(
            1042,
            content="Metin.\n\n<img src='https://ankasam.example/wp-content/uploads"
            "/2023/11/yok-icerik.png' alt=''>",
        ),
        post(
            1043,
            content='<a href="x"><img src="/wp-content/uploads/2023/11/bozuk.png">'
            "</a>\n\nMetin.",
        ),
        post(
            1044,
            content="Metin [1].\n\n[1] “Kaynak” <img src='k.png'>, "
            "https://kaynak.example/1, (Erişim Tarihi: 04.11.2023).",
        ),
        item(post_id=4001, title="Hakkımızda", post_type="page"),
        # Imported as two articles now, linked as translations in the next export.
        post(1050, title="Ayrı yazı"),
        post(1051, title="Separate post"),
        # Deleted and edited here between the two imports.
        post(1052, title="Silinecek"),
        post(1053, title="Düzenlenecek"),
    ]


def first_terms():
    return (
        builders.category(11, "analiz", "Analiz")
        + builders.category(
            12, "alt", "Alt Kategori", parent="analiz", description="Açıklama."
        )
        + builders.category(13, "central-asia", "Central Asia")
        + builders.tag(21, "yaptirimlar", "Yaptırımlar")
        + builders.author_term(50, "zeki", "Zeki Talustan Gülten  zeki 1 zeki@a.ex")
        + builders.author_term(
            51, "hayalet", "Hayalet Yazar Hayalet Yazar hayalet 77 hayalet@a.ex"
        )
    )


def first_export() -> str:
    return builders.export(
        items=first_items(), terms=first_terms(), authors=SITE_AUTHORS
    )


# The second export: terms have languages; new posts are there for what needs them.
BOLGE = {"tr": ("bolge", "Bölge"), "en": ("region", "Region")}
YAPTIRIM = {
    "tr": ("yaptirim", "Yaptırım"),
    "en": ("sanction", "Sanction"),
    "ru": ("%d1%81%d0%b0%d0%bd%d0%ba%d1%86%d0%b8%d1%8f", "Санкция"),
}


def second_terms():
    terms = first_terms()
    for n, (code, (slug, name)) in enumerate(BOLGE.items()):
        source = "" if code == "tr" else "tr"
        terms += builders.category(
            60 + n, slug, name, meta=wpml_meta(code, "70", source=source)
        )
    for n, (code, (slug, name)) in enumerate(YAPTIRIM.items()):
        source = "" if code == "tr" else "tr"
        terms += builders.tag(
            70 + n, slug, name, meta=wpml_meta(code, "80", source=source)
        )
    return terms + builders.tag(
        80, "diplomacy", "Diplomacy", meta=wpml_meta("en", "90")
    )


def second_items():
    items = first_items()
    for index, text in enumerate(items):
        if "<wp:post_id>1050</wp:post_id>" in text:
            items[index] = group_member(1050, "tr", "g3", title="Ayrı yazı")
        elif "<wp:post_id>1051</wp:post_id>" in text:
            items[index] = group_member(1051, "en", "g3", title="Separate post")

    def terms(code):
        return [
            ("category", *BOLGE[code]),
            ("post_tag", *YAPTIRIM[code]),
        ]

    return [
        *items,
        group_member(1101, "tr", "g2", title="Bölgede denge", terms=terms("tr")),
        group_member(
            1102,
            "en",
            "g2",
            title="Balance in the region",
            terms=[*terms("en"), ("post_tag", "diplomacy", "Diplomacy")],
        ),
        post(
            1103,
            title="Yeni görselli yazı",
            meta={"_thumbnail_id": "2034"},
            content="Metin.\n\n<img src='https://ankasam.example/wp-content/"
            "uploads/2023/11/yeni.png' alt='Görsel'>\n\n<img src='/wp-content/"
            "uploads/2023/11/gorsel.png' alt=''>",
        ),
        attachment(2034, "2023/11/yeni.png"),
        # The library image an earlier import made of the same file.
        post(1104, title="Aynı kapak", meta={"_thumbnail_id": "2033"}),
    ]


def second_export() -> str:
    return builders.export(
        items=second_items(), terms=second_terms(), authors=SITE_AUTHORS
    )
