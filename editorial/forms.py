from django import forms
from django.conf import settings
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .snapshots import label


class VersionCheckMixin(forms.Form):
    """Refuses to save over changes made since the form was opened (no lost updates).

    The refused form keeps all it was sent, and now carries the current version, so
    saving it again, after reading what changed, is a deliberate overwrite.
    """

    version_seen = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version_seen"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        seen = cleaned.get("version_seen")
        if not self.instance.pk or seen is None:
            return cleaned
        current = (
            type(self.instance)
            .objects.filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current is None or current == seen:
            return cleaned
        changes = []
        for revision in self.instance.revisions.filter(number__gt=seen).order_by(
            "number"
        ):
            who = revision.created_by.get_username() if revision.created_by else "?"
            when = date_format(localtime(revision.created_at), "DATETIME_FORMAT")
            fields = ", ".join(label(f) for f in revision.changed) or _("no field")
            changes.append(
                _("%(who)s at %(when)s changed %(fields)s")
                % {"who": who, "when": when, "fields": fields}
            )
        data = self.data.copy()
        data["version_seen"] = current
        self.data = data
        raise forms.ValidationError(
            _(
                "Someone saved this article after you opened it: %(changes)s. "
                "Your text is kept below and was not saved. Compare it with the "
                "current version (History), then save again to overwrite."
            )
            % {"changes": "; ".join(changes) or _("a change")},
            code="stale",
        )


class EditorProfileForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("translation languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
