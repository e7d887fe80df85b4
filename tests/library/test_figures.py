"""Library figures in bodies: stored by reference, rendered on save per language."""

import html5lib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ankasam.html import sanitize_html
from articles.models import Article
from editorial.services import PublicationRefused, article_save
from library.jobs import image_renditions_make
from library.models import Image, ImageUse
from library.services import image_save
from tests.articles.factories import ArticleFactory
from tests.library.factories import ImageFactory, image_upload

pytestmark = pytest.mark.django_db


def figure(pk, size="wide"):
    return f'<figure data-image="{pk}" data-size="{size}"></figure>'


def captioned(**texts):
    defaults = {
        "caption_tr": "Kapanan büyükelçilikler haritası",
        "caption_en": "Map of the closed embassies",
        "credit_tr": "Harita: ANKASAM",
        "credit_en": "Map: ANKASAM",
    }
    return ImageFactory(**{**defaults, **texts})


def rendered(article, code):
    article.refresh_from_db()
    # html5lib parses <picture> and <source> as browsers do (libxml2 does not).
    return html5lib.parse(
        getattr(article, f"body_html_{code}"),
        treebuilder="lxml",
        namespaceHTMLElements=False,
    )


@pytest.mark.parametrize(
    ("html", "kept"),
    [
        ('<figure data-image="12" data-size="wide"></figure>', figure(12)),
        (
            '<figure data-size="inset-left" data-image="7"></figure>',
            figure(7, "inset-left"),
        ),
        ('<figure data-image="7" data-size="huge"></figure>', figure(7, "full")),
        ('<figure data-image="7"></figure>', figure(7, "full")),
        (
            '<figure data-image="3" data-size="wide" class="x" style="y">'
            '<img src="https://evil.example/a.png" onerror="alert(1)">'
            "<figcaption>typed</figcaption></figure>",
            figure(3),
        ),
    ],
    ids=["as-stored", "order", "unknown-size", "no-size", "extras"],
)
def test_the_sanitizer_keeps_exactly_the_library_figure_shape(html, kept):
    assert sanitize_html(f"<p>Metin</p>{html}") == f"<p>Metin</p>{kept}"


@pytest.mark.parametrize(
    "html",
    [
        '<p>a</p><img src="https://evil.example/a.png">',
        '<p>a</p><img src="/media/library/x.jpg" data-image="3">',
        '<p>a</p><figure data-image="javascript:alert(1)"></figure>',
        '<p>a</p><figure data-image="-3"></figure>',
        '<p>a</p><picture><source srcset="x.webp"></picture>',
    ],
)
def test_any_other_image_is_stripped(html):
    cleaned = sanitize_html(html)
    assert "<img" not in cleaned
    assert "data-image" not in cleaned
    assert "<picture" not in cleaned and "srcset" not in cleaned


def test_a_figure_alone_is_a_body():
    assert sanitize_html(figure(5)) == figure(5)


def test_a_figure_renders_as_a_picture_with_its_caption_in_each_language():
    image = captioned()
    article = ArticleFactory(
        body_tr=f"<p>Giriş.[1]</p>{figure(image.pk)}",
        body_en=f"<p>Intro.[1]</p>{figure(image.pk)}",
        languages=("tr", "en"),
    )
    for code, caption, credit, alt in [
        ("tr", "Kapanan büyükelçilikler haritası", "Harita: ANKASAM", "Mavi bir alan"),
        ("en", "Map of the closed embassies", "Map: ANKASAM", "A blue field"),
    ]:
        page = rendered(article, code)
        (fig,) = page.xpath("//figure")
        assert fig.get("class") == "figure figure--wide"
        img = fig.xpath("./picture/img")[0]
        assert img.get("alt") == alt
        assert img.get("loading") == "lazy"
        assert (img.get("width"), img.get("height")) == ("480", "270")
        assert "480w" in img.get("srcset")
        assert fig.xpath("./picture/source[@type='image/webp']/@srcset")
        assert fig.xpath("string(.//*[@class='figure__caption'])") == caption
        assert fig.xpath("string(.//*[@class='figure__credit'])") == credit
    assert list(ImageUse.objects.values_list("article_id", "image_id")) == [
        (article.pk, image.pk)
    ]


def test_caption_and_credit_are_escaped():
    image = captioned(caption_tr="<script>alert(1)</script> & “tırnak”")
    article = ArticleFactory(body_tr=figure(image.pk), languages=("tr",))
    html = Article.objects.get(pk=article.pk).body_html_tr
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; “tırnak”" in html


def test_a_figure_of_a_missing_image_renders_nothing_and_blocks_publishing():
    article = ArticleFactory(
        body_tr=f"<p>Giriş</p>{figure(987654)}",
        languages=("tr",),
        status=Article.Status.DRAFT,
    )
    article.refresh_from_db()
    assert article.body_html_tr == "<p>Giriş</p>"
    assert not ImageUse.objects.exists()
    article.status_tr = Article.Status.PUBLISHED
    with pytest.raises(PublicationRefused) as refused:
        article_save(article=article)
    assert any("#987654" in message for message in refused.value.messages)


def test_missing_alt_text_blocks_publishing_that_language_only(in_language):
    in_language("en")  # the refusal's words are read in English
    image = ImageFactory(alt_en="")
    article = ArticleFactory(
        body_tr=f"<p>Metin.[1]</p>{figure(image.pk)}",
        body_en=f"<p>Text.[1]</p>{figure(image.pk)}",
        languages=("tr", "en"),
        status=Article.Status.DRAFT,
    )
    article.status_tr = Article.Status.PUBLISHED
    article_save(article=article)  # Turkish has its description
    article.status_en = Article.Status.PUBLISHED
    with pytest.raises(PublicationRefused) as refused:
        article_save(article=article)
    (message,) = refused.value.messages
    assert message.startswith("English: ")
    assert f"#{image.pk}" in message
    image.alt_en = "A blue field"
    image_save(image=image)
    article = Article.objects.get(pk=article.pk)
    article.status_en = Article.Status.PUBLISHED
    article_save(article=article)
    assert Article.objects.get(pk=article.pk).public_languages() == ["tr", "en"]


def test_a_changed_caption_re_renders_the_articles_using_the_image():
    image = captioned()
    using = ArticleFactory(body_tr=figure(image.pk), languages=("tr",))
    other = ArticleFactory(languages=("tr",))
    before = Article.objects.get(pk=other.pk).body_html_tr
    image.caption_tr = "Yeni açıklama"
    image_save(image=image)
    assert "Yeni açıklama" in Article.objects.get(pk=using.pk).body_html_tr
    assert Article.objects.get(pk=other.pk).body_html_tr == before


def test_finished_renditions_re_render_the_articles_using_the_image():
    image = Image(file=image_upload(), alt_tr="Mavi")
    # As if the worker had not run yet: the stored file, sized.
    image_save_without_job(image)
    article = ArticleFactory(body_tr=figure(image.pk, "full"), languages=("tr",))
    html = Article.objects.get(pk=article.pk).body_html_tr
    assert "<picture>" not in html
    assert f'src="/media/{image.file.name}" width="480" height="270"' in html
    assert image_renditions_make.call(pk=image.pk, source=image.file.name) == "made"
    html = Article.objects.get(pk=article.pk).body_html_tr
    assert "<picture>" in html and "480w" in html


def image_save_without_job(image):
    from ankasam.images import process_field

    process_field(image.file, "file_renditions", image)
    image.save()


def test_removing_the_figure_forgets_the_use():
    image = ImageFactory()
    article = ArticleFactory(body_tr=figure(image.pk), languages=("tr",))
    assert ImageUse.objects.filter(article=article).exists()
    article.body_tr = "<p>Artık görsel yok.[1]</p>"
    article_save(article=article)
    assert not ImageUse.objects.filter(article=article).exists()


def test_an_image_in_use_cannot_be_deleted_from_under_an_article(admin_client):
    image = ImageFactory()
    ArticleFactory(body_tr=figure(image.pk), languages=("tr",))
    response = admin_client.post(
        f"/admin/library/image/{image.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 200  # the admin lists what protects it
    assert Image.objects.filter(pk=image.pk).exists()


def test_a_new_upload_replaces_the_file_under_a_random_name():
    image = ImageFactory()
    image.file = SimpleUploadedFile("gizli-taslak.png", image_upload().read())
    image_save(image=image)
    image.refresh_from_db()
    assert "gizli" not in image.file.name
    assert image.file_renditions["source"] == image.file.name
