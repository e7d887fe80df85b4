import pytest
from PIL import Image

from articles.models import Article

from . import builders

pytestmark = pytest.mark.django_db


def attachment(post_id, path, alt):
    return builders.item(
        post_id=post_id,
        title="photo",
        status="inherit",
        post_type="attachment",
        attachment_url=f"https://ankasam.example/wp-content/uploads/{path}",
        meta={"_wp_attached_file": path, "_wp_attachment_image_alt": alt},
    )


def post_with_image(post_id, thumbnail, language):
    return builders.item(
        post_id=post_id,
        title=f"Görselli yazı {language}",
        content="Metin.",
        meta={"_thumbnail_id": str(thumbnail)},
        terms=[
            ("language", language, builders.LANGUAGE_NAMES[language]),
            ("post_translations", "pll_img", "pll_img"),
        ],
    )


def image_export(**kwargs):
    terms = builders.polylang_languages() + builders.polylang_group(
        40, "pll_img", {"tr": 10, "en": 11}
    )
    items = [
        post_with_image(10, 20, "tr"),
        post_with_image(11, 21, "en"),
        attachment(20, "2023/11/kuzey-kore.png", "Pyongyang’da bir cadde"),
        attachment(21, "2023/11/kuzey-kore.png", "A street in Pyongyang"),
    ]
    return builders.export(items=items, terms=terms, **kwargs)


def test_featured_image_is_read_from_the_media_root(tmp_path, export_file, run_import):
    media_root = tmp_path / "uploads"
    (media_root / "2023/11").mkdir(parents=True)
    Image.new("RGB", (40, 30), "#8c1c13").save(media_root / "2023/11/kuzey-kore.png")
    report = run_import(export_file(image_export()), media_root=media_root)
    article = Article.objects.get()
    image = article.featured_image  # a media-library image
    assert image.file.name.endswith(".png")
    assert (image.width, image.height) == (40, 30)
    assert image.alt_tr == "Pyongyang’da bir cadde"
    assert image.alt_en == "A street in Pyongyang"
    assert image.imported_from == "2023/11/kuzey-kore.png"
    assert report.objects["featured image"] == {"imported": 1}


def test_missing_image_file_is_reported_and_skipped(tmp_path, export_file, run_import):
    media_root = tmp_path / "uploads"
    media_root.mkdir()
    report = run_import(export_file(image_export()), media_root=media_root)
    article = Article.objects.get()
    assert not article.featured_image
    assert article.public_languages() == ["tr", "en"]
    assert any("#10" in w and "2023/11/kuzey-kore.png" in w for w in report.warnings)


def test_image_path_outside_the_media_root_is_not_read(
    tmp_path, export_file, run_import
):
    secret = tmp_path / "secret.png"
    Image.new("RGB", (4, 4)).save(secret)
    media_root = tmp_path / "uploads"
    media_root.mkdir()
    text = image_export().replace("2023/11/kuzey-kore.png", "../secret.png")
    report = run_import(export_file(text), media_root=media_root)
    assert not Article.objects.get().featured_image
    assert any("outside the media root" in w for w in report.warnings)


def post_with_inline_image(post_id, language, alt, caption):
    return builders.item(
        post_id=post_id,
        title=f"Haritalı yazı {language}",
        content=(
            "<!-- wp:paragraph --><p>Giriş.</p><!-- /wp:paragraph -->"
            '<!-- wp:image {"id":20} --><figure class="wp-block-image size-large">'
            '<img src="https://ankasam.example/wp-content/uploads/2023/11/'
            f'kuzey-kore-1024x768.png" alt="{alt}" class="wp-image-20"/>'
            f'<figcaption class="wp-element-caption">{caption}</figcaption></figure>'
            "<!-- /wp:image -->"
        ),
        terms=[
            ("language", language, builders.LANGUAGE_NAMES[language]),
            ("post_translations", "pll_map", "pll_map"),
        ],
    )


def inline_export():
    terms = builders.polylang_languages() + builders.polylang_group(
        41, "pll_map", {"tr": 10, "en": 11}
    )
    items = [
        post_with_inline_image(10, "tr", "Bir harita", "Kapanan temsilcilikler"),
        post_with_inline_image(11, "en", "A map", "The closed missions"),
        attachment(20, "2023/11/kuzey-kore.png", ""),
    ]
    return builders.export(items=items, terms=terms)


def test_images_in_the_text_become_library_figures(tmp_path, export_file, run_import):
    from library.models import Image as LibraryImage

    media_root = tmp_path / "uploads"
    (media_root / "2023/11").mkdir(parents=True)
    Image.new("RGB", (64, 48), "#1f4e79").save(media_root / "2023/11/kuzey-kore.png")
    path = export_file(inline_export())
    report = run_import(path, media_root=media_root)
    image = LibraryImage.objects.get()  # one file, one library image
    # The original was read, not WordPress's resized copy (which is not there).
    assert (image.width, image.height) == (64, 48)
    assert (image.alt_tr, image.alt_en) == ("Bir harita", "A map")
    assert (image.caption_tr, image.caption_en) == (
        "Kapanan temsilcilikler",
        "The closed missions",
    )
    article = Article.objects.get()
    stored = f'<figure data-image="{image.pk}" data-size="full"></figure>'
    assert stored in article.body_tr and stored in article.body_en
    assert "Kapanan temsilcilikler" in article.body_html_tr
    assert "The closed missions" in article.body_html_en
    assert "<img" in article.body_html_tr and 'alt="Bir harita"' in article.body_html_tr
    assert report.objects["inline image"] == {"imported": 1}
    assert not any("image" in warning for warning in report.warnings), report.warnings
    # A re-run after a change reuses the library image.
    run_import(
        export_file(inline_export().replace("Giriş.", "Giriş, yeniden."), "b.xml"),
        media_root=media_root,
    )
    assert LibraryImage.objects.get().pk == image.pk
    assert "yeniden" in Article.objects.get().body_tr
