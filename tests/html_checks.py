"""Checks an HTML page the way a validator and a screen reader would care about."""

import html5lib
from lxml import etree


def assert_valid_page(html: str) -> None:
    """Strict HTML5 parse, plus the structural rules a validator also enforces."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    parser.parse(html)  # raises html5lib's ParseError on any parse error
    tree = etree.fromstring(html.encode(), etree.HTMLParser())
    assert tree.get("lang"), "the <html> element needs a lang attribute"
    assert len(tree.findall(".//h1")) == 1, "a page has exactly one <h1>"
    assert tree.find(".//title").text.strip(), "the page needs a non-empty <title>"
    ids = [element.get("id") for element in tree.iter() if element.get("id")]
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates, f"duplicate ids: {duplicates}"
    for image in tree.iter("img"):
        assert image.get("alt") is not None, f"<img> without alt: {image.get('src')}"
        assert image.get("width") and image.get("height"), "images need their size"
    for element in tree.iter():
        for attribute in ("aria-labelledby", "aria-describedby"):
            for target in (element.get(attribute) or "").split():
                assert target in ids, f"{attribute} points to a missing id {target}"
        href = element.get("href") if element.tag == "a" else None
        if href and href.startswith("#") and len(href) > 1:
            assert href[1:] in ids, f"link to a missing anchor {href}"
