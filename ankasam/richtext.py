"""The rich-text editor of the admin: django-prose-editor, offline, with our allowlist.

The editor offers only what ``ankasam.html`` keeps, and the server sanitizes again on
every save whatever the browser sent.
"""

from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import Media

EDITOR_CONFIG = {
    "types": [
        "Blockquote", "Bold", "BulletList", "Heading", "HorizontalRule", "Italic",
        "Link", "OrderedList", "Strike", "Subscript", "Superscript", "Underline",
        "Table",
    ],
    "headingLevels": [2, 3, 4],
    "history": True,
    "html": False,
    "typographic": True,
}  # fmt: skip


def rich_text_widget():
    return AdminProseEditorWidget(config=EDITOR_CONFIG)


class RichTextAdminMixin:
    """Puts the editor on the given fields (all their languages) of a model admin.

    The editor's import map is an inline script: the admin page gets it with the
    request's CSP nonce, so the policy still allows no other inline script.
    """

    rich_text_fields = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        base = (
            db_field.name.rsplit("_", 1)[0] if "_" in db_field.name else db_field.name
        )
        if db_field.name in self.rich_text_fields or base in self.rich_text_fields:
            kwargs["widget"] = rich_text_widget()
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def render_change_form(self, request, context, *args, **kwargs):
        # csp_nonce is lazy, and false until read: read it to make one.
        nonce = getattr(request, "csp_nonce", None)
        if nonce is not None and "media" in context:
            context["media"] = Media.from_media(context["media"], nonce=str(nonce))
        return super().render_change_form(request, context, *args, **kwargs)
