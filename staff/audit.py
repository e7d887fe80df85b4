"""The staff audit trail: sign-ins, refusals, lock-outs and role changes.

``record`` is the one write path for ``StaffEvent``. Django's and axes' sign-in
signals and the user model's saves are third-party hooks, so the trail listens to
them: a role change is recorded whichever way it is made (the admin, the shell, a
command). Who made it is the signed-in user of the request being answered, which
``StaffSessionMiddleware`` puts in ``current_actor`` for the request's duration.
"""

from contextvars import ContextVar

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from ankasam.ratelimit import client_address
from staff.models import StaffEvent

Kind = StaffEvent.Kind
User = get_user_model()
# Fields whose change is a change of role.
ROLE_FLAGS = ("is_staff", "is_superuser", "is_active")
SEEN_KEY = "staff_seen"

current_actor: ContextVar = ContextVar("staff_current_actor", default=None)


def record(kind, *, user=None, username="", request=None, detail="", actor=None):
    """Write one audit line; ``username`` defaults to the account's."""
    if user is not None and not getattr(user, "pk", None):
        user = None
    return StaffEvent.objects.create(
        kind=kind,
        user=user,
        username=(username or (user.get_username() if user else ""))[:150],
        actor=actor if getattr(actor, "pk", None) else None,
        address=(client_address(request) if request is not None else "")[:64],
        detail=detail,
    )


@receiver(user_logged_in)
def signed_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SEEN_KEY] = timezone.now().timestamp()
    record(Kind.SIGNED_IN, user=user, request=request)


@receiver(user_logged_out)
def signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(Kind.SIGNED_OUT, user=user, request=request)


@receiver(user_login_failed)
def sign_in_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))
    record(
        Kind.SIGN_IN_FAILED,
        user=User.objects.filter(username=username).first(),
        username=username,
        request=request,
    )


@receiver(user_locked_out)
def locked_out(sender, request, username, ip_address, **kwargs):
    username = str(username or "")
    record(
        Kind.LOCKED_OUT,
        user=User.objects.filter(username=username).first() if username else None,
        username=username,
        request=request,
        detail=f"address {ip_address}",
    )


def _actor():
    actor = current_actor.get()
    return actor if actor is not None and actor.is_authenticated else None


@receiver(pre_save, sender=User)
def role_flags_changed(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk:
        return
    before = sender.objects.filter(pk=instance.pk).values(*ROLE_FLAGS).first()
    if before is None:
        return
    changes = [
        f"{flag}: {before[flag]} → {getattr(instance, flag)}"
        for flag in ROLE_FLAGS
        if before[flag] != getattr(instance, flag)
    ]
    if changes:
        record(
            Kind.ROLE_CHANGED, user=instance, detail="; ".join(changes), actor=_actor()
        )


@receiver(post_save, sender=User)
def created_with_a_role(sender, instance, created, raw=False, **kwargs):
    if created and not raw and (instance.is_staff or instance.is_superuser):
        flags = [
            flag for flag in ("is_staff", "is_superuser") if getattr(instance, flag)
        ]
        record(
            Kind.ROLE_CHANGED,
            user=instance,
            detail="created: " + ", ".join(flags),
            actor=_actor(),
        )


@receiver(m2m_changed, sender=User.groups.through)
def groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    sign = "-" if action in ("post_remove", "pre_clear") else "+"
    if action == "pre_clear":
        # Cleared: what goes is what there was.
        pairs = (
            [(instance, group) for group in instance.groups.all()]
            if not reverse
            else [(user, instance) for user in instance.user_set.all()]
        )
    elif not reverse:
        pairs = [(instance, group) for group in Group.objects.filter(pk__in=pk_set)]
    else:
        pairs = [(user, instance) for user in User.objects.filter(pk__in=pk_set)]
    for user, group in pairs:
        record(
            Kind.ROLE_CHANGED,
            user=user,
            detail=f"group {sign}{group.name}",
            actor=_actor(),
        )
