"""The second factor's writes: enrolling a device, checking a code, recovery codes."""

import secrets

from django.db import transaction
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff import audit
from staff.models import StaffEvent

Kind = StaffEvent.Kind
RECOVERY_CODES = 10
AUTHENTICATOR = "authenticator"
RECOVERY = "recovery codes"


def pending_authenticator(*, user) -> TOTPDevice:
    """The authenticator-app device ``user`` is enrolling (made on first ask, kept
    until confirmed so that the QR code stays the same on reload)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").last()
    return device or TOTPDevice.objects.create(
        user=user, name=AUTHENTICATOR, confirmed=False
    )


@transaction.atomic
def second_factor_enrol(*, request, user, device: TOTPDevice, code: str) -> list[str]:
    """Confirm ``device`` with a code it made; return new recovery codes (shown
    once), or [] when the code is wrong."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
    if not device.verify_token(code):
        audit.record(Kind.SECOND_FACTOR_FAILED, user=user, request=request)
        return []
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = recovery_codes_renew(user=user)
    otp_login(request, device)
    audit.record(Kind.SECOND_FACTOR_ENROLLED, user=user, request=request)
    return codes


@transaction.atomic
def recovery_codes_renew(*, user) -> list[str]:
    """Replace ``user``'s recovery codes with new ones; each works once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code) for code in codes
    )
    return codes


@transaction.atomic
def second_factor_verify(*, request, user, code: str) -> bool:
    """Sign ``request`` in with its second factor if ``code`` is right for one of
    ``user``'s devices (a recovery code is used up). Each device throttles
    wrong codes on its own, with a wait that doubles after each one."""
    code = code.strip().replace(" ", "").replace("-", "").lower()
    # A six-digit code is an app's; anything else a recovery code. Each kind is
    # tried only on its own devices, so that everyday sign-ins never count as
    # failures against (and so throttle) the recovery codes.
    from_app = len(code) == 6 and code.isdigit()
    for device in devices_for_user(user, confirmed=True, for_verify=True):
        if isinstance(device, StaticDevice) == from_app:
            continue
        if device.verify_token(code):
            otp_login(request, device)
            audit.record(
                Kind.SECOND_FACTOR_PASSED,
                user=user,
                request=request,
                detail=device.__class__.__name__,
            )
            return True
    audit.record(Kind.SECOND_FACTOR_FAILED, user=user, request=request)
    return False
