from wordpress.content import (
    autop,
    clean_title,
    finish_body,
    prepare_body,
)


def body(content: str, **kwargs) -> str:
    prepared = prepare_body(content, **kwargs)
    return finish_body(prepared, prepared.notes)


def test_block_editor_comments_are_removed():
    content = "<!-- wp:paragraph -->\n<p>Işık ve gölge.</p>\n<!-- /wp:paragraph -->"
    assert body(content) == "<p>Işık ve gölge.</p>"


def test_caption_shortcode_becomes_figure_with_figcaption():
    content = (
        '[caption id="attachment_7" align="alignnone" width="604"]'
        '<img src="a.jpg" alt="Bell" /> Bell on wharf[/caption]'
    )
    assert body(content).replace("\n", "") == (
        "<figure><figcaption>Bell on wharf</figcaption></figure>"
    )


def test_other_shortcodes_are_removed_and_named_but_bracketed_prose_stays():
    prepared = prepare_body(
        '[gallery ids="1,2"] Metin [sic] ve [embed]https://x.example/v[/embed] son.'
    )
    assert prepared.shortcodes == ["gallery", "embed"]
    assert "[sic]" in prepared.head
    assert "https://x.example/v" in prepared.head
    assert "[gallery" not in prepared.head


def test_line_breaks_become_paragraphs_as_wordpress_autop_does():
    assert autop("Birinci satır\nikinci satır\n\nYeni paragraf") == (
        "<p>Birinci satır<br />\nikinci satır</p>\n<p>Yeni paragraf</p>"
    )
    assert autop("<h2>Başlık</h2>\nMetin") == "<h2>Başlık</h2>\n<p>Metin</p>"


def test_trailing_footnote_list_is_taken_out_of_the_body():
    prepared = prepare_body(
        "Text [1] and more. [2]\n\nNotes:\n\n"
        '[1] “Title”, Outlet, <a href="https://a.example/1">https://a.example/1</a>, '
        "(Accessed: 04.11.2023).\n\n[2] Aynı yer."
    )
    assert prepared.head.strip() == "Text [1] and more. [2]"
    assert [line.text[:3] for line in prepared.notes] == ["[1]", "[2]"]
    assert "https://a.example/1" in prepared.notes[0].text


def test_numbered_list_without_sources_is_not_taken_for_footnotes():
    prepared = prepare_body("Üç neden:\n\n1. Ekonomi\n\n2. Yaptırımlar")
    assert prepared.notes == []


def test_core_footnotes_block_becomes_markers_and_note_lines():
    content = (
        '<!-- wp:paragraph --><p>Metin<sup data-fn="abc" class="fn">'
        '<a href="#abc" id="abc-link">1</a></sup>.</p><!-- /wp:paragraph -->'
        "<!-- wp:footnotes /-->"
    )
    meta = (
        '[{"id":"abc","content":"“Kaynak”, Yayıncı, https://b.example/x, '
        '(Erişim Tarihi: 01.02.2024)."}]'
    )
    prepared = prepare_body(content, footnotes_meta=meta)
    assert "Metin[1]." in prepared.head
    assert prepared.notes[0].text.startswith("[1] “Kaynak”, Yayıncı")


def test_title_markup_is_dropped_and_entities_decoded():
    assert clean_title("Markup: Title <em>With</em> <b>Mark<sup>up</sup></b>") == (
        "Markup: Title With Markup"
    )
    assert clean_title("Işık &amp; Gölge &lt;3") == "Işık & Gölge <3"
