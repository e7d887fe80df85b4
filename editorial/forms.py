from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .services import article_version_locked, changes_since


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
        # Locks the row until this request's transaction ends: a save racing this
        # one waits, then finds the new version here and is refused.
        current = article_version_locked(self.instance.pk)
        if current is None or current == seen:
            return cleaned
        data = self.data.copy()
        data["version_seen"] = current
        self.data = data
        raise forms.ValidationError(
            _(
                "Someone saved this article after you opened it: %(changes)s. "
                "Your text is kept below and was not saved. Compare it with the "
                "current version (History), then save again to overwrite."
            )
            % {
                "changes": "; ".join(changes_since(self.instance.pk, seen))
                or _("a change")
            },
            code="stale",
        )


class EditorProfileForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("translation languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
