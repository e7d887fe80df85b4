"""The article form's citations: an ordered inline, a paste box and integrity checks."""

from types import SimpleNamespace

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from .models import Citation
from .parser import parse_footnotes

PASTE_HELP = _(
    "Paste a numbered footnote list, one note per line, e.g. "
    "[1] “Title”, Outlet, https://…, (Erişim Tarihi: 04.11.2023). "
    "Each note becomes a citation with its number as marker; sources with the same "
    "web address are reused."
)


class PasteFootnotesField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Paste footnotes"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 4, "class": "vLargeTextField"}),
            help_text=PASTE_HELP,
            **kwargs,
        )

    def clean(self, value):
        value = super().clean(value)
        if value.strip():
            result = parse_footnotes(value)
            if result.errors:
                raise ValidationError(result.errors)
        return value


class CitationFormSet(BaseInlineFormSet):
    """Gives new rows a marker; ``rows()`` are the citations as they will be saved.

    Checking them against the bodies is the article form's business (the article
    admin's formset), since that needs the article's own fields.
    """

    def clean(self):
        super().clean()
        live = self.live_forms()
        taken = {f.cleaned_data["key"] for f in live if f.cleaned_data.get("key")}
        next_key = max(taken, default=0) + 1
        for form in live:
            if not form.cleaned_data.get("key"):
                form.cleaned_data["key"] = form.instance.key = next_key
                taken.add(next_key)
                next_key += 1

    def live_forms(self):
        return [
            form
            for form in self.forms
            if not self._should_delete_form(form)
            and getattr(form, "cleaned_data", None)
            and form.cleaned_data.get("source")
        ]

    def rows(self):
        """The live rows as citation-like objects, for ``checks.check``."""
        return [
            SimpleNamespace(
                key=form.cleaned_data["key"],
                source=form.cleaned_data["source"],
                source_id=form.cleaned_data["source"].pk,
                locator=form.cleaned_data.get("locator", ""),
                accessed_on=form.cleaned_data.get("accessed_on"),
                form=form,
            )
            for form in self.live_forms()
        ]


def pasted_rows(text: str, taken: set[int]) -> tuple[list, list[int]]:
    """The citations a pasted list will create, as citation-like objects, and the
    markers it gives that existing citations already have."""
    if not (text or "").strip():
        return [], []
    notes = parse_footnotes(text).notes
    clashes = sorted(taken & {note.number for note in notes})
    result = []
    for note in notes:
        basis = result[-1] if note.ibid and result else None
        result.append(
            SimpleNamespace(
                key=note.number,
                source=basis.source if basis else SimpleNamespace(url=note.url),
                source_id=basis.source_id if basis else (note.url or note.title),
                locator="",
                accessed_on=basis.accessed_on if basis else note.accessed_on,
            )
        )
    return result, clashes


class CitationInline(TranslationTabularInline):
    model = Citation
    formset = CitationFormSet
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["key", "source", "locator", "accessed_on", "note"]
    verbose_name = _("citation")
    verbose_name_plural = _("citations (footnotes)")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields["key"].required = False
        formset.form.base_fields["key"].widget.attrs.update(
            {
                "class": "citation-key",
                "min": 1,
                "data-insert-label": gettext("Insert marker"),
            }
        )
        return formset
