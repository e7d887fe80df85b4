"""An article as data, to keep as a revision, compare and restore.

Which fields a revision holds is derived from the models, never typed: every
editable concrete field of ``Article`` (each language's column of a translated
field, not the untranslated base column), its many-to-many taxonomy, the byline in
order and every editable field of its citations. A field added to the model is in
the next revision, its diff and its restore without a change here.
"""

import datetime
import difflib
import re

from django.db import models
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from modeltranslation.fields import TranslationField
from modeltranslation.translator import translator

from articles.models import Article
from articles.querysets import language_codes
from citations.models import Citation

from .corrections import corrections_snapshot

# Relations kept by name, with their labels.
RELATIONS = {
    "authors": _("authors"),
    "citations": _("citations"),
    "corrections": _("corrections and updates"),
}


def translated_names(model) -> set[str]:
    return set(translator.get_options_for_model(model).fields)


def article_fields() -> list[models.Field]:
    """The concrete fields an editor changes: derived from the model."""
    base = translated_names(Article)
    return [
        field
        for field in Article._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in base
    ]


def taxonomy_fields() -> list[models.ManyToManyField]:
    """Many-to-many fields without a through model of ours (regions, topics)."""
    return [
        field
        for field in Article._meta.many_to_many
        if field.remote_field.through._meta.auto_created
    ]


def citation_fields() -> list[models.Field]:
    base = translated_names(Citation)
    return [
        field
        for field in Citation._meta.concrete_fields
        if field.editable
        and not field.primary_key
        and field.name not in base
        and field.name != "article"
    ]


def restorable(field: models.Field) -> bool:
    """Publication state is kept and compared, but publishing stays a decision."""
    name = (
        field.translated_field.name
        if isinstance(field, TranslationField)
        else field.name
    )
    return name not in Article.PUBLICATION_FIELDS


def to_json(field: models.Field, value):
    if value is None:
        return None
    if isinstance(field, models.FileField):
        return value.name or ""
    if isinstance(value, datetime.datetime):
        # Forms keep whole seconds: microseconds would look like an edit.
        return value.astimezone(datetime.UTC).replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def from_json(field: models.Field, value):
    if value is None:
        return None if field.null else field.get_default()
    if isinstance(field, models.FileField):
        return value
    return field.to_python(value)


def snapshot(article: Article) -> dict:
    """Everything an editor can change, in JSON-ready form (runs a few queries)."""
    data = {
        field.attname: to_json(field, getattr(article, field.attname))
        for field in article_fields()
    }
    for field in taxonomy_fields():
        data[field.name] = sorted(
            getattr(article, field.name).values_list("pk", flat=True)
        )
    data["authors"] = list(
        article.article_authors.order_by("position", "pk").values_list(
            "author_id", flat=True
        )
    )
    data["citations"] = [
        {
            field.attname: to_json(field, getattr(citation, field.attname))
            for field in citation_fields()
        }
        for citation in article.citations.order_by("key")
    ]
    # Kept, compared and shown; never restored (editorial/corrections.py says why).
    # Absent when there are none, so that older revisions still compare equal.
    if corrections := corrections_snapshot(article):
        data["corrections"] = corrections
    return data


def versions_in(data: dict) -> set[str]:
    """The languages a revision has a version in (title and body)."""
    return {
        code
        for code in language_codes()
        if (data.get(f"title_{code}") or "").strip()
        and (data.get(f"body_{code}") or "").strip()
    }


def restore_fields(article: Article, data: dict) -> None:
    """Set the article's own fields as ``data`` has them (publication state kept).

    A language version written after the revision (it has none there) is kept as
    it is: restoring the original's older text does not erase a later translation.
    Keys missing from an older revision leave the field as it is.
    """
    later = set(article.languages()) - versions_in(data)
    for field in article_fields():
        if getattr(field, "language", None) in later:
            continue
        # Older revisions named a foreign key by its field name ("category").
        key = field.attname if field.attname in data else field.name
        if restorable(field) and key in data:
            value = from_json(field, data[key])
            names_a_row = field.is_relation and value is not None
            if names_a_row and not still_exists(field, value):
                value = None  # a library image deleted since: the article has none
            setattr(article, field.attname, value)


def still_exists(field: models.Field, value) -> bool:
    """Whether the row a revision's foreign key names still exists (a restore
    must not name a deleted media-library image; categories are protected)."""
    return field.related_model._default_manager.filter(pk=value).exists()


def restored_relations(data: dict) -> dict:
    """The relations as ``data`` has them, in the shape ``article_save`` takes."""
    relations = {
        field.name: data[field.name]
        for field in taxonomy_fields()
        if field.name in data
    }
    if "authors" in data:
        relations["byline"] = list(data["authors"])
    if "citations" in data:
        fields = {field.attname: field for field in citation_fields()}
        relations["citations"] = [
            {
                name: from_json(fields[name], value)
                for name, value in item.items()
                if name in fields
            }
            for item in data["citations"]
        ]
    return relations


def label(key: str) -> str:
    """The field's name as the form shows it, with its language: "title [en]"."""
    for field in article_fields():
        if key in (field.attname, field.name):
            if isinstance(field, TranslationField):
                return f"{field.translated_field.verbose_name} [{field.language}]"
            return str(field.verbose_name)
    for field in taxonomy_fields():
        if key == field.name:
            return str(field.verbose_name)
    if key in RELATIONS:
        return str(RELATIONS[key])
    # An older revision's key, such as "status" before languages had their own.
    name, _sep, code = key.rpartition("_")
    if code in language_codes():
        return f"{name} [{code}]"
    return key


def changed_fields(before: dict | None, after: dict) -> list[str]:
    if before is None:
        return []
    return [key for key in after if before.get(key) != after.get(key)]


WORDS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> SafeString:
    """``old`` → ``new`` word by word, with <del> and <ins>; all text escaped."""
    a, b = WORDS.findall(old), WORDS.findall(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, a, b, autojunk=False
    ).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(out))


def diff(before: dict, after: dict) -> list[tuple[str, SafeString]]:
    """(label, readable difference) for every field that differs."""
    rows = []
    for key in changed_fields(before, after):
        old, new = before.get(key), after.get(key)
        if isinstance(old, str) and isinstance(new, str):
            rows.append((label(key), word_diff(old, new)))
        else:
            rows.append(
                (
                    label(key),
                    mark_safe(
                        f"<del>{escape(str(old))}</del> <ins>{escape(str(new))}</ins>"
                    ),
                )
            )
    return rows
