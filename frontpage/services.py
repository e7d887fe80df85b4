"""What follows a change of a front page's items: readers see it at once."""

from pagecache.versions import content_changed

from .models import FrontPage


def front_page_changed(*, front_page: FrontPage) -> None:
    """After the admin wrote ``front_page``'s items (in the admin's transaction)."""
    content_changed()
