"""Headers every answer carries besides Django's own security headers and the CSP.

``Permissions-Policy`` switches off the browser features no page here uses, so that
no injected or embedded content can ask for the camera, the location and the like.
"""

POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", POLICY)
        return response
