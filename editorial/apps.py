from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_role_groups(sender, using, **kwargs):
    """Keep the role groups whole after migrate or flush: each with its permissions,
    and Admin with every permission, also those of apps added later."""
    from django.contrib.auth.models import Group, Permission

    from .role_permissions import ROLES

    permissions = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.using(using).select_related("content_type")
    }
    for name, dotted in ROLES.items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set([permissions[d] for d in dotted if d in permissions])
    admin, _created = Group.objects.using(using).get_or_create(name="Admin")
    admin.permissions.set(permissions.values())


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial workspace")

    def ready(self):
        # After every app's migrations: Admin must also get the permissions of
        # apps that migrate after this one.
        post_migrate.connect(ensure_role_groups, dispatch_uid="editorial-role-groups")
