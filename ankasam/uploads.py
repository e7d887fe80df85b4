"""Uploads survive a failed save: the editor never has to choose the file again.

When a form is refused for another reason (a required field left empty, an inline
with an error), a valid new upload is kept in the default storage under
``kept-uploads/`` and the form, shown again, says so and carries a signed token in
a hidden input. Submitted without a new file, the form takes the kept upload as if
it had just been sent: it is validated and processed like any other upload. A token
that does not verify is ignored.

Kept files are removed once their form is saved; those of forms never saved again
go when they are a day old, swept whenever another upload is kept (the token expires
then too). Their names are 32 random hex digits without an extension: nothing links
to them, and a name cannot be guessed.
"""

import datetime
import logging
import secrets
from functools import partial

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import models, transaction
from django.forms import ClearableFileInput
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .images import storage_unavailable_message
from .storage import StorageUnavailable

logger = logging.getLogger(__name__)

KEPT_DIR = "kept-uploads"
KEEP_FOR = datetime.timedelta(days=1)
SALT = "ankasam.uploads.kept"


class KeptUpload(SimpleUploadedFile):
    """An upload read back from where a failed save kept it."""

    def __init__(self, name: str, content: bytes, *, path: str, token: str):
        super().__init__(name, content)
        self.kept_path = path
        self.token = token


class UnreadableKept:
    """A kept upload that could not be read back: the media storage is away."""


UNREADABLE = UnreadableKept()


class KeptFileInput(ClearableFileInput):
    """A file input that hands back the upload a failed save kept.

    ``kept`` is set (by ``keep_uploads``) on the widget of a form shown again; the
    widget then renders the token and says which file is kept.
    """

    kept: KeptUpload | None = None
    _read: tuple[str, KeptUpload | None] | None = None

    def kept_name(self, name: str) -> str:
        return f"{name}-kept"

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if value is not None:  # a new file, or "clear"
            return value
        token = data.get(self.kept_name(name))
        # A form asks several times (to clean, to see what changed): read once.
        if self._read is None or self._read[0] != token:
            self._read = (token, kept_upload(token, field=name))
        if self._read[1] is UNREADABLE:
            # Neither "no file" (the record's image would stay, the upload lost
            # without a word) nor a file: a value the field refuses, with why.
            return UNREADABLE
        return self._read[1]

    def value_omitted_from_data(self, data, files, name):
        return (
            super().value_omitted_from_data(data, files, name)
            and self.kept_name(name) not in data
        )

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if self.kept is None:
            return html
        message = _("%(name)s is kept; it will be saved with the form.") % {
            "name": self.kept.name
        }
        return format_html(
            '{}<input type="hidden" name="{}" value="{}"><p class="help">{}</p>',
            html,
            self.kept_name(name),
            self.kept.token,
            message,
        )


class KeptAdminFileWidget(KeptFileInput, AdminFileWidget):
    """The admin's file input ("Currently: … Change:"), keeping uploads."""


class KeptFileFieldMixin:
    """Refuses a kept upload that could not be read back, saying why."""

    def clean(self, data, initial=None):
        if data is UNREADABLE:
            raise ValidationError(storage_unavailable_message(), code="storage")
        return super().clean(data, initial)


class KeptFileField(KeptFileFieldMixin, forms.FileField):
    pass


class KeptImageField(KeptFileFieldMixin, forms.ImageField):
    pass


def kept_upload(token: str | None, *, field: str) -> KeptUpload | None:
    """The upload ``token`` points to, or None when it is missing, forged or gone."""
    if not token:
        return None
    try:
        kept = signing.loads(token, salt=SALT, max_age=KEEP_FOR)
        path, name, for_field = kept["path"], kept["name"], kept["field"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
    if for_field != field or not path.startswith(f"{KEPT_DIR}/"):
        return None
    try:
        with default_storage.open(path, "rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        return None
    except StorageUnavailable:
        # The field says the storage does not answer (``KeptFileFieldMixin``); the
        # token stays in the form for the next submit.
        return UNREADABLE
    return KeptUpload(name, content, path=path, token=token)


def keep(upload: UploadedFile, *, field: str) -> KeptUpload:
    """Store ``upload`` for the next submit of its form; returns it as kept."""
    remove_stale()
    upload.seek(0)
    content = upload.read()
    path = default_storage.save(
        f"{KEPT_DIR}/{secrets.token_hex(16)}", SimpleUploadedFile("kept", content)
    )
    token = signing.dumps(
        {"path": path, "name": upload.name, "field": field}, salt=SALT
    )
    return KeptUpload(upload.name, content, path=path, token=token)


def keep_uploads(form) -> None:
    """Keep the valid new uploads of a bound form that was refused."""
    if not form.is_bound or not hasattr(form, "cleaned_data"):
        return
    for name, field in form.fields.items():
        if not isinstance(field.widget, KeptFileInput) or name in form.errors:
            continue
        value = form.cleaned_data.get(name)
        if isinstance(value, KeptUpload):
            field.widget.kept = value
        elif isinstance(value, UploadedFile):
            try:
                field.widget.kept = keep(value, field=form.add_prefix(name))
            except StorageUnavailable:
                form.add_error(name, storage_unavailable_message())


def discard_kept(form) -> None:
    """Remove the kept files a saved form used, once the save is committed."""
    for value in getattr(form, "cleaned_data", {}).values():
        if isinstance(value, KeptUpload):
            transaction.on_commit(partial(delete_kept, value.kept_path))


def delete_kept(path: str) -> None:
    """Remove a kept file; if the storage is away, the day-old sweep will."""
    try:
        default_storage.delete(path)
    except StorageUnavailable:
        logger.warning("kept upload %s stays until the sweep", path)


def remove_stale(*, now: datetime.datetime | None = None) -> None:
    """Delete kept uploads older than a day: forms that were never saved again."""
    try:
        _folders, files = default_storage.listdir(KEPT_DIR)
    except (FileNotFoundError, NotImplementedError, StorageUnavailable):
        # No upload was ever kept (the folder does not exist yet), or a storage
        # that cannot list folders: then kept files stay until an operator removes
        # the kept-uploads/ folder. Nothing here is unfinished.
        return
    cutoff = (now or timezone.now()) - KEEP_FOR
    for name in files:
        path = f"{KEPT_DIR}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)


class KeepUploadsAdminMixin:
    """Keeps the file and image uploads of a refused change form (inlines too).

    Put it first among a ModelAdmin's (or an inline's) bases; it replaces the admin's
    file widget on every FileField and ImageField.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.FileField):
            kwargs["widget"] = KeptAdminFileWidget
            kwargs.setdefault(
                "form_class",
                KeptImageField
                if isinstance(db_field, models.ImageField)
                else KeptFileField,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StorageUnavailable:
            # The storage went away after the form was validated; the save was
            # rolled back. Validating the form again says so on its file fields
            # (``validate_image``), with everything typed kept.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, *args, **kwargs):
        if request.method == "POST":  # a save that failed: the form is shown again
            for form in _forms(context):
                keep_uploads(form)
        return super().render_change_form(request, context, *args, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        discard_kept(form)
        for formset in formsets:
            for inline_form in formset.forms:
                discard_kept(inline_form)


def _forms(context):
    if "adminform" in context:
        yield context["adminform"].form
    for inline in context.get("inline_admin_formsets", ()):
        yield from inline.formset.forms
