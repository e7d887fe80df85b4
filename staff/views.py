"""The admin's second-factor pages and the lock-out page."""

from base64 import b32encode

from django.conf import settings
from django.contrib import admin
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff.forms import CodeForm
from staff.policy import fully_signed_in
from staff.services import (
    pending_authenticator,
    second_factor_enrol,
    second_factor_verify,
)


def qr_code(text: str):
    """``text`` as a QR code (segno), loaded on the one page that shows one rather
    than in every web process."""
    import segno

    return segno.make(text, error="m")


def next_url(request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("admin:index")


def page(request, template, **context):
    return TemplateResponse(
        request,
        template,
        {**admin.site.each_context(request), "next": next_url(request), **context},
    )


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    """Ask a signed-in staff member for their second factor."""
    user = request.user
    if not (user.is_authenticated and user.is_staff):
        return redirect(reverse("admin:login"))
    if user.is_verified():
        return redirect(next_url(request))
    if not user_has_device(user):
        return redirect(reverse("staff:enrol") + f"?next={next_url(request)}")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if second_factor_verify(
            request=request, user=user, code=form.cleaned_data["code"]
        ):
            return redirect(next_url(request))
        form.add_error(
            "code",
            _(
                "This code is not right, or has been used, or too many wrong codes "
                "came in a row: wait a little and try the newest code."
            ),
        )
    return page(request, "staff/verify.html", form=form, title=_("Second factor"))


@never_cache
@sensitive_post_parameters("code")
def enrol(request):
    """Set up an authenticator app; show the recovery codes once."""
    user = request.user
    if not (user.is_authenticated and user.is_staff):
        return redirect(reverse("admin:login"))
    title = _("Set up two-factor authentication")
    if user_has_device(user):
        if not user.is_verified():
            return redirect(reverse("staff:verify") + f"?next={next_url(request)}")
        return page(request, "staff/enrolled.html", title=title)
    device = pending_authenticator(user=user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        codes = second_factor_enrol(
            request=request, user=user, device=device, code=form.cleaned_data["code"]
        )
        if codes:
            return page(request, "staff/recovery_codes.html", codes=codes, title=title)
        form.add_error("code", _("This code is not right: try the newest one."))
    return page(
        request,
        "staff/enrol.html",
        form=form,
        title=title,
        otpauth_uri=device.config_url,
        secret=secret_of(device),
        qr_svg=qr_code(device.config_url).svg_inline(
            scale=4, dark="#000", light="#fff"
        ),
        required=not fully_signed_in(user),
    )


def secret_of(device: TOTPDevice) -> str:
    """The key as authenticator apps take it typed in: base32, in groups of four."""
    text = b32encode(device.bin_key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def locked_out(request, original_response=None, credentials=None):
    """What axes answers to a locked-out account or address (429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = TemplateResponse(
        request,
        "staff/locked_out.html",
        {
            **admin.site.each_context(request),
            "title": _("Sign-in locked"),
            "minutes": minutes,
        },
        status=429,
    )
    return response.render()
