"""The article form's citations: an ordered inline, a paste box and integrity checks."""

from types import SimpleNamespace

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from .checks import check
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
    """Gives new rows a marker and runs the integrity checks before anything is saved.

    The parent article form is found on the request (see ``ArticleAdmin.save_form``),
    so that a problem with a body shows next to that body's field. Problems refuse the
    save of a published article; a draft is saved and the problems are listed.
    """

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean(self):
        super().clean()
        live = [
            form
            for form in self.forms
            if not self._should_delete_form(form) and form.cleaned_data.get("source")
        ]
        taken = {f.cleaned_data["key"] for f in live if f.cleaned_data.get("key")}
        next_key = max(taken, default=0) + 1
        for form in live:
            if not form.cleaned_data.get("key"):
                form.cleaned_data["key"] = form.instance.key = next_key
                taken.add(next_key)
                next_key += 1
        article_form = getattr(self.request, "_article_form", None)
        if article_form is None:
            return  # the article form has errors of its own; check once it is valid
        citations = [
            SimpleNamespace(
                key=form.cleaned_data["key"],
                source=form.cleaned_data["source"],
                source_id=form.cleaned_data["source"].pk,
                locator=form.cleaned_data.get("locator", ""),
                accessed_on=form.cleaned_data.get("accessed_on"),
                form=form,
            )
            for form in live
        ]
        citations += self.pasted(article_form, taken)
        if article_form.errors:
            # An error added to the article form does not stop the admin from saving;
            # only a formset error does. Refuse, so nothing typed or pasted is lost.
            raise ValidationError(_("Please correct the errors above."))
        article = self.instance
        bodies = {
            code: getattr(article, f"body_{code}") for code in article.languages()
        }
        problems = check(bodies=bodies, citations=citations)
        self.problems = problems
        if not problems or article.status != article.Status.PUBLISHED:
            return
        rows = {c.key: getattr(c, "form", None) for c in citations}
        for problem in problems:
            row = rows.get(problem.key)
            if problem.field == "body":
                article_form.add_error(f"body_{problem.language}", problem.message)
            elif row is not None:
                row.add_error(problem.field or None, problem.message)
            else:  # a citation that exists only in the pasted list
                article_form.add_error("paste_footnotes", problem.message)
        raise ValidationError(
            [_("This article cannot be published until its footnotes are fixed:")]
            + [problem.message for problem in problems]
        )

    def pasted(self, article_form, taken):
        """The citations a pasted list will create, for checking them with the rest."""
        text = article_form.cleaned_data.get("paste_footnotes") or ""
        if not text.strip():
            return []
        notes = parse_footnotes(text).notes
        clashes = sorted(taken & {note.number for note in notes})
        if clashes:
            article_form.add_error(
                "paste_footnotes",
                _("These markers already have citations: %(markers)s.")
                % {"markers": " ".join(f"[{key}]" for key in clashes)},
            )
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
        return result


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
