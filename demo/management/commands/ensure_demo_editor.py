from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "editor"
PASSWORD = "ankasam-demo"


class Command(BaseCommand):
    help = "Create the demo's admin account (editor / ankasam-demo); development only."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo account is only for DJANGO_DEBUG=1 set-ups.")
        user, created = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"is_staff": True, "is_superuser": True}
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        self.stdout.write(f"Admin account: {USERNAME} / {PASSWORD}")
