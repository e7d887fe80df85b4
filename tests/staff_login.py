"""Signing staff in the way the site asks: password, then the second factor.

``staff_login`` is the one helper tests use for a client that must be signed in; for
an account whose role needs a second factor it enrols an authenticator (a real TOTP
device) and passes it through django-otp's own ``login``. Nothing here, or in the
test settings, switches the second factor off.
"""

import time

from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff.policy import second_factor_required


def authenticator(user) -> TOTPDevice:
    """``user``'s confirmed authenticator app, enrolled now if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(
        user=user, name="authenticator", confirmed=True
    )


def totp_code(device: TOTPDevice) -> str:
    """The code the phone would show: now's, or the next step's when now's has been
    used already (django-otp accepts one step either side, each code once)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.time += device.step * (device.last_t + 1 - totp.t())
    return f"{totp.token():0{device.digits}d}"


def staff_login(client, user):
    """Sign ``client`` in as ``user``, past the second factor when it is needed."""
    client.force_login(user)
    if second_factor_required(user):
        request = HttpRequest()
        request.session = client.session
        request.user = user
        otp_login(request, authenticator(user))
        request.session.save()
    return client
