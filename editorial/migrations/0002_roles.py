"""The newsroom's roles as groups: Author, Translator, Editor, Admin."""

from django.db import migrations

from editorial.role_permissions import ROLES  # plain data, safe to import



def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after migrations; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permission(dotted):
        app_label, codename = dotted.split(".")
        return Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()

    # Permissions of apps that migrate later (pages, redirects) do not exist yet:
    # the post-migrate handler (editorial.apps) gives them.
    for name, dotted in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set([p for d in dotted if (p := permission(d))])
    admin, _created = Group.objects.get_or_create(name="Admin")
    admin.permissions.set(Permission.objects.all())


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[*ROLES, "Admin"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("articles", "0003_workflow"),
        ("authors", "0001_initial"),
        ("citations", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
