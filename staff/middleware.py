import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import user_has_device

from staff import audit
from staff.policy import fully_signed_in

# How often an active session's expiry is pushed forward: one session write per
# five minutes of activity instead of one per request.
TOUCH_SECONDS = 5 * 60


class StaffSessionMiddleware:
    """Between the password and the second factor a staff member is only half
    signed in: the admin sends them to the second-factor page (or to enrolment when
    they have no device yet), and every other page treats them as a reader.

    An idle session (no request for ``STAFF_IDLE_SECONDS``) ends here and in the
    session store, whose expiry this keeps sliding while the member works.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = audit.current_actor.set(request.user)
        try:
            if request.user.is_authenticated:
                answer = self.check(request)
                if answer is not None:
                    return answer
            return self.get_response(request)
        finally:
            audit.current_actor.reset(token)

    def check(self, request):
        now = time.time()
        seen = request.session.get(audit.SEEN_KEY)
        if seen is not None and now - float(seen) > settings.STAFF_IDLE_SECONDS:
            logout(request)
            return None
        if seen is None or now - float(seen) > TOUCH_SECONDS:
            request.session[audit.SEEN_KEY] = now
        if fully_signed_in(request.user):
            return None
        if not request.path.startswith(reverse("admin:index")):
            request.user = AnonymousUser()
            return None
        if request.path in {
            reverse("staff:verify"),
            reverse("staff:enrol"),
            reverse("admin:logout"),
        }:
            return None
        step = "staff:verify" if user_has_device(request.user) else "staff:enrol"
        target = reverse(step)
        wanted = request.get_full_path()
        if request.path == reverse("admin:login"):
            wanted = request.GET.get("next", reverse("admin:index"))
        if request.method == "GET" and url_has_allowed_host_and_scheme(
            wanted, allowed_hosts={request.get_host()}
        ):
            target += "?" + urlencode({"next": wanted})
        return redirect(target)
