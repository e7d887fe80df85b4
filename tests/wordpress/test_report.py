"""The report names everything the import drops, changes or cannot read, by post.

``everything.py`` holds an export with one of each such thing. It is imported, then
(after an editor deleted one article and edited another) a later export of the same
site is imported twice: as a dry run with the media files, then without them. The
tests check that the report says each thing of the right posts, says nothing else,
and that the scenario exercises every message and count the importer's code can
emit (read from the code itself, so a new one cannot go untested).
"""

import ast
import re
from pathlib import Path

import pytest
from PIL import Image

import wordpress
from articles.models import Article, Category
from tests.articles.factories import ArticleFactory

from . import everything

pytestmark = pytest.mark.django_db

# (post ids, what the line says): every line of the three reports.
EXPECTED = [
    # Items that are not posts, or not imported as such.
    ((1010,), "status “trash” is not imported"),
    ((2099,), "attachments are not imported"),
    ((4001,), "post type “page” is not imported"),
    ((3002,), "guest author credited on no imported post"),
    # What the site has no place for.
    ((1001,), "comments are not imported"),
    ((1001,), "sticky in WordPress"),
    ((1001,), "former slug “eski-adres” is not imported"),
    ((1001,), "“post_format” taxonomy are not imported: “Aside”"),
    ((1001,), "custom field “alt_baslik” is not imported"),
    # Translations.
    ((), "does not say which language its categories and tags are in"),
    ((1002,), "its categories and tags are not imported: “Central Asia”"),
    ((1004,), "language “de” is not one of the site's"),
    ((1005,), "another tr version in its translation group"),
    ((1002,), "not public in WordPress while its translation is"),
    ((1002,), "credits “cevirmen”, whom the original does not"),
    ((1050, 1051), "imported earlier as separate articles"),
    # States.
    ((1020,), "password-protected in WordPress"),
    ((1021,), "pending review in WordPress"),
    ((1022,), "private in WordPress"),
    ((1023,), "scheduled date has passed unpublished"),
    ((1024,), "no date in WordPress"),
    ((1052,), "deleted here since the last import"),
    ((1053,), "edited here since the last import"),
    # Text.
    ((1001,), "its title's markup is removed"),
    ((1027,), "its title is cut to 300 characters"),
    ((1001,), "its excerpt's markup is removed"),
    ((1001,), "shortcodes removed: [gallery]"),
    ((1001,), "an image from outside the site was removed: a.jpg"),
    ((1042,), "an image in the text was removed: 2023/11/yok-icerik.png is not in the"),
    ((1043,), "an image in the text was removed: 2023/11/bozuk.png: "),
    ((1044,), "1 images in its footnotes were removed"),
    ((), "1 images in the text were not imported: no --media-root was given"),
    ((1001,), "with what they showed (the site's sanitizer allows none in article bo"),
    ((1001,), "1 <h1> became plain text"),
    ((1025,), "no content; its excerpt or title became the text"),
    ((1026,), "no title; the first words of the text became the title"),
    ((1028,), "slug “решение” became “reshenie”"),
    ((1029,), "slug “alinmis” is taken here; it became “alinmis-2”"),
    # Footnotes.
    ((1001,), "footnotes: Line 5: note labelled “v”"),
    ((1002,), "footnotes: Line 5: note labelled “v”"),
    ((1002,), "footnotes: Line 7: note [8] follows [6]"),
    ((1002,), "footnote missing from the tr list that gave the citations"),
    ((1034,), "footnotes: Line 4: note [4] follows [2]"),
    ((1034,), "footnotes: Line 5: note labelled “v”"),
    ((1034,), "footnote not understood, kept in the text: “[3]"),
    ((1035,), "footnotes kept as text, not imported: Ensure this value has at most"),
    # Featured images.
    ((1030,), "featured image 9999 is not in the export"),
    ((1031,), "featured image skipped: 2023/11/yok.png is not in the media root"),
    ((1032,), "featured image skipped: 2023/11/bozuk.png is not a readable image"),
    ((), "1 featured images were not imported: no --media-root was given"),
    # Categories and tags.
    ((1001,), "category “Analiz” has no en, ru name in the export"),
    ((1001,), "category “Alt Kategori” has no en, ru name in the export"),
    ((1001,), "tag “Yaptırımlar” has no en, ru name in the export"),
    ((1102,), "tag “Diplomacy” has no tr, ru name in the export"),
    ((1001,), "category “Alt Kategori” is under “analiz” in WordPress"),
    ((1001,), "category “Alt Kategori”: its description is not imported"),
    ((1101,), "category “Bölge” is the existing “Area” here, which keeps its names"),
    ((1101,), "tag “Yaptırım”: slug “санкция” became “sanktsiia” (ru)"),
    # Bylines.
    ((3001,), "author “misafir”: e-mail “yanlis-adres” is not valid"),
    ((3001,), "guest author “Misafir Yazar”: website https://misafir.example"),
    ((3001,), "guest author “Misafir Yazar”: the photo is not imported"),
    ((1036,), "co-author “hayalet” is neither a guest author nor a user"),
    ((1038,), "its WordPress author “yabanci” is not among the export's authors"),
    ((1039,), "no author in WordPress; the article has no byline"),
]


def says(line: str, ids: tuple, text: str) -> bool:
    if ids:
        prefix = "Post " + ", ".join(f"#{post_id}" for post_id in ids) + ": "
        return line.startswith(prefix) and text in line
    return not line.startswith("Post #") and text in line


@pytest.fixture
def reports(tmp_path, export_file, run_import):
    media_root = tmp_path / "uploads"
    (media_root / "2023/11").mkdir(parents=True)
    Image.new("RGB", (40, 30), "#8c1c13").save(media_root / "2023/11/gorsel.png")
    Image.new("RGB", (40, 30), "#1f4e79").save(media_root / "2023/11/yeni.png")
    Image.new("RGB", (40, 30), "#2e6b30").save(media_root / "2023/11/harita.png")
    (media_root / "2023/11/bozuk.png").write_bytes(b"not an image")
    ArticleFactory(slug_tr="alinmis")
    Category.objects.create(name_tr="Bölge", name_en="Area", name_ru="Регион")
    first = run_import(export_file(everything.first_export()), media_root=media_root)
    Article.objects.get(wordpress_posts__post_id=1052).delete()
    edited = Article.objects.get(wordpress_posts__post_id=1053)
    edited.title_tr = "Düzenlendi"
    edited.save()
    later = export_file(everything.second_export(), "later.xml")
    dry_run = run_import(later, media_root=media_root, dry_run=True)
    second = run_import(later)
    return [first, dry_run, second]


def test_report_says_each_thing_dropped_or_changed_of_its_posts(reports):
    lines = [line for report in reports for line in report.warnings]
    unexpected = [
        line
        for line in lines
        if not any(says(line, ids, text) for ids, text in EXPECTED)
    ]
    missing = [
        (ids, text)
        for ids, text in EXPECTED
        if not any(says(line, ids, text) for line in lines)
    ]
    assert unexpected == []
    assert missing == []


def test_report_counts_every_item_of_the_exports(reports):
    first, _dry_run, second = reports
    assert first.items["post"] == {"imported": 30, "skipped": 3}
    assert first.items["guest-author"] == {"imported": 1, "skipped": 1}
    assert (first.items["attachment"], first.items["page"]) == (
        {"skipped": 4},
        {"skipped": 1},
    )
    # 1050 and 1051 became one article; 1052 and 1053 are left as they are here.
    assert second.items["post"] == {
        "unchanged": 26,
        "updated": 2,
        "imported": 4,
        "skipped": 5,
    }
    assert second.items["guest-author"] == {"unchanged": 1, "skipped": 1}


# --- what the importer's code can say ----------------------------------------------


def importer_calls():
    """Every ``.warn``/``.skip``/``.object``/``.item`` call in the importer's code."""
    for path in sorted(Path(wordpress.__file__).parent.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for node in ast.walk(function):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in {"warn", "skip", "object", "item"}
                ):
                    yield f"{path.name}:{node.lineno}", function.name, node


def message_of(call) -> str | None:
    """The gettext message a warn/skip call passes, as written in the call."""
    for node in ast.walk(call):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "_"
            and isinstance(node.args[0], ast.Constant)
        ):
            return node.args[0].value
    return None


def as_pattern(message: str) -> re.Pattern:
    parts = re.split(r"%\(\w+\)s", message)
    return re.compile(".+?".join(re.escape(part) for part in parts), re.DOTALL)


def test_scenario_emits_every_message_the_importer_can_emit(reports):
    lines = [line for report in reports for line in report.warnings]
    messages, unreadable = {}, []
    for where, function, call in importer_calls():
        if call.func.attr not in {"warn", "skip"} or function == "skip":
            continue  # ``skip`` passes its caller's message on
        message = message_of(call)
        if message is None:
            unreadable.append(where)
        else:
            messages[where] = message
    assert unreadable == []  # a message the test cannot read cannot be checked
    never_said = [
        (where, message)
        for where, message in messages.items()
        if not any(as_pattern(message).search(line) for line in lines)
    ]
    assert never_said == []


def test_scenario_makes_every_count_the_importer_can_make(reports):
    seen = set()
    for report in reports:
        for counts in (report.items, report.objects):
            for kind, outcomes in counts.items():
                seen |= {(kind, outcome) for outcome, n in outcomes.items() if n}
    never_counted = []
    for where, _function, call in importer_calls():
        if call.func.attr not in {"object", "item"}:
            continue
        wanted = [
            arg.value if isinstance(arg, ast.Constant) else None
            for arg in call.args[:2]
        ]
        if not any(
            all(want in (None, got) for want, got in zip(wanted, pair, strict=True))
            for pair in seen
        ):
            never_counted.append((where, wanted))
    assert never_counted == []
