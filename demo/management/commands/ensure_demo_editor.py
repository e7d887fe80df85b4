from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from editorial.models import EditorProfile
from staff.models import DEMO_CODE, DEMO_USERNAMES, DemoDevice

# Local demo accounts only: the command refuses to run outside DEBUG.
PASSWORD = "ankasam-demo"
# username → (role group, translation languages); "editor" is also a superuser.
ACCOUNTS = {
    "editor": ("Editor", []),
    "author": ("Author", []),
    "translator": ("Translator", ["ru"]),
}
assert set(ACCOUNTS) <= DEMO_USERNAMES


class Command(BaseCommand):
    help = (
        "Create the demo's staff accounts (password ankasam-demo, second-factor "
        f"code {DEMO_CODE} while DEBUG is on); development only."
    )

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
            # The second factor a newcomer can use at once: the documented code,
            # accepted only with DEBUG on and only for these accounts.
            DemoDevice.objects.get_or_create(
                user=user, name="demo code", defaults={"confirmed": True}
            )
            self.stdout.write(
                f"{role}: {username} / {PASSWORD}, second-factor code {DEMO_CODE}"
            )
