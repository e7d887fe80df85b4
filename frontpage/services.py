"""What follows a change of a front page's items: readers see it at once."""

from pagecache import tags
from pagecache.versions import invalidate

from .models import FrontPage


def front_page_changed(*, front_page: FrontPage) -> None:
    """After the admin wrote ``front_page``'s items (in the admin's transaction):
    end that language's home page (and its other lists)."""
    invalidate({tags.listing(front_page.pk)})
