"""The rich-text editor of the admin: django-prose-editor, offline, with our allowlist.

The editor offers only what ``ankasam.html`` keeps, and the server sanitizes again on
every save whatever the browser sent. Article bodies also get the media library's
figure (``static/library/admin/figure.js``): a library image chosen in a dialog,
stored as ``<figure data-image="…" data-size="…"></figure>``.
"""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import Media

from .html import FIGURE_SIZES

TEXT_EXTENSIONS = {
    "Blockquote": True,
    "Bold": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "HardBreak": True,
    "Heading": {"levels": [2, 3, 4]},
    "HorizontalRule": True,
    "Italic": True,
    "Link": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Underline": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
    "Typographic": True,
}
SIZE_LABELS = {
    "full": _("Column width"),
    "wide": _("Wide"),
    "inset-left": _("Small, on the left"),
    "inset-right": _("Small, on the right"),
}


def figure_extension() -> dict:
    """The figure's options: where to search the library, and the dialog's words."""
    return {
        "chooseUrl": reverse_lazy("admin:library_image_choose"),
        "sizes": [[size, SIZE_LABELS[size]] for size in FIGURE_SIZES],
        "labels": {
            "insert": _("Insert a figure from the media library"),
            "title": _("Insert a figure"),
            "search": _("Search the media library (description, caption, credit)"),
            "size": _("Size and position"),
            "submit": _("Insert"),
            "cancel": _("Cancel"),
            "none": _("No image matches."),
            "missing": _("This image is not in the media library."),
            "choose": _("Choose an image first."),
        },
    }


def rich_text_widget(*, figures: bool = False):
    extensions = dict(TEXT_EXTENSIONS)
    if figures:
        extensions["LibraryFigure"] = figure_extension()
    return AdminProseEditorWidget(
        config={"extensions": extensions}, preset="configurable"
    )


class RichTextAdminMixin:
    """Puts the editor on the given fields (all their languages) of a model admin;
    ``figure_fields`` also get library figures.

    The editor's import map is an inline script: the admin page gets it with the
    request's CSP nonce, so the policy still allows no other inline script.
    """

    rich_text_fields = ()
    figure_fields = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        base = (
            db_field.name.rsplit("_", 1)[0] if "_" in db_field.name else db_field.name
        )
        if db_field.name in self.rich_text_fields or base in self.rich_text_fields:
            figures = db_field.name in self.figure_fields or base in self.figure_fields
            kwargs["widget"] = rich_text_widget(figures=figures)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def render_change_form(self, request, context, *args, **kwargs):
        # csp_nonce is lazy, and false until read: read it to make one.
        nonce = getattr(request, "csp_nonce", None)
        if nonce is not None and "media" in context:
            context["media"] = Media.from_media(context["media"], nonce=str(nonce))
        return super().render_change_form(request, context, *args, **kwargs)
