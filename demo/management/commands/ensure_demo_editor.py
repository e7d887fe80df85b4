from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from editorial.models import EditorProfile

# Local demo accounts only: the command refuses to run outside DEBUG.
PASSWORD = "ankasam-demo"
# username → (role group, translation languages); "editor" is also a superuser.
ACCOUNTS = {
    "editor": ("Editor", []),
    "author": ("Author", []),
    "translator": ("Translator", ["ru"]),
}


class Command(BaseCommand):
    help = "Create the demo's staff accounts (password ankasam-demo); development only."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo accounts are only for DJANGO_DEBUG=1 set-ups.")
        for username, (role, languages) in ACCOUNTS.items():
            user, created = get_user_model().objects.get_or_create(
                username=username,
                defaults={"is_staff": True, "is_superuser": username == "editor"},
            )
            if created:
                user.set_password(PASSWORD)
                user.save()
            user.groups.add(Group.objects.get(name=role))
            if languages:
                EditorProfile.objects.update_or_create(
                    user=user, defaults={"languages": languages}
                )
            self.stdout.write(f"{role}: {username} / {PASSWORD}")
