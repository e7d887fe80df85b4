from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def give_admins_every_permission(sender, using, **kwargs):
    """The Admin role holds every permission, also those of apps added later."""
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.using(using).filter(name="Admin").first()
    if group is not None:
        group.permissions.set(Permission.objects.using(using).all())


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial workspace")

    def ready(self):
        post_migrate.connect(give_admins_every_permission, sender=self)
