"""The Content-Security-Policy, with one allowance for the admin's editor.

The rich-text editor (ProseMirror) and jQuery UI's tabs set style attributes, which
``style-src 'self'`` blocks. Inline *styles* are allowed on admin pages only; inline
scripts stay forbidden everywhere (the editor's import map carries a nonce).
"""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware

ADMIN_PREFIX = "/admin/"


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(ADMIN_PREFIX) and not report_only:
            parts.update = {**(parts.update or {}), "style-src": [UNSAFE_INLINE]}
        return parts
