"""The newsroom's roles as groups: Author, Translator, Editor, Admin."""

from django.db import migrations

ROLES = {
    "Author": [
        "articles.add_article", "articles.change_article", "articles.view_article",
        "articles.view_category", "articles.view_region", "articles.view_topic",
        "authors.view_author",
        "citations.add_source", "citations.view_source",
        "citations.add_citation", "citations.change_citation",
        "citations.delete_citation", "citations.view_citation",
        "articles.add_articleauthor", "articles.change_articleauthor",
        "articles.delete_articleauthor", "articles.view_articleauthor",
    ],
    "Translator": [
        "articles.change_article", "articles.view_article",
        "articles.translate_article",
        "articles.view_category", "articles.view_region", "articles.view_topic",
        "authors.view_author", "citations.view_source", "citations.view_citation",
        "articles.view_articleauthor",
    ],
    "Editor": [
        "articles.add_article", "articles.change_article", "articles.delete_article",
        "articles.view_article", "articles.publish_article",
        "articles.edit_any_article",
        "articles.add_category", "articles.change_category", "articles.view_category",
        "articles.add_region", "articles.change_region", "articles.view_region",
        "articles.add_topic", "articles.change_topic", "articles.view_topic",
        "authors.add_author", "authors.change_author", "authors.view_author",
        "citations.add_source", "citations.change_source", "citations.view_source",
        "citations.add_citation", "citations.change_citation",
        "citations.delete_citation", "citations.view_citation",
        "articles.add_articleauthor", "articles.change_articleauthor",
        "articles.delete_articleauthor", "articles.view_articleauthor",
        "editorial.view_revision", "editorial.view_transition",
    ],
}  # fmt: skip


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
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    for name, dotted in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set([permission(p) for p in dotted])
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
