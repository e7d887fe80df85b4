"""Who must pass a second factor: decided here, once, for every path that asks.

Superusers and the Editor and Admin roles always; anyone else (Author, Translator)
once they have enrolled a device, since they chose to. No setting relaxes this.
"""

from django_otp import user_has_device

REQUIRED_ROLES = ("Editor", "Admin")


def second_factor_required(user) -> bool:
    """Must ``user`` pass a second factor before the admin lets them in?"""
    if not user.is_authenticated or not user.is_staff:
        return False
    if user.is_superuser or user.groups.filter(name__in=REQUIRED_ROLES).exists():
        return True
    return user_has_device(user, confirmed=True)


def fully_signed_in(user) -> bool:
    """Has ``user`` passed every step their account asks for?"""
    if not user.is_authenticated:
        return False
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified()) or not second_factor_required(user)


def admin_has_permission(request) -> bool:
    """The admin site's door: an active staff member, fully signed in."""
    user = request.user
    return user.is_active and user.is_staff and fully_signed_in(user)
