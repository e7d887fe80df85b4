"""Bylines: who wrote each post, as the site's authors, in order.

A post's byline is its Co-Authors Plus ``author`` terms in the order the export lists
them (Co-Authors Plus registers the taxonomy sorted by ``term_order``, so WordPress
exports a post's co-authors in byline order), or, without any, its WordPress author
(``dc:creator``): the rule of Co-Authors Plus's own ``get_coauthors()``.

An author term (slug ``cap-<user_nicename>``, name the user_login) stands for,
as Co-Authors Plus decides it:

- a guest author: a ``guest-author`` post named ``cap-<user_login>`` whose ``cap-*``
  post meta holds the profile (``cap-display_name``, ``cap-first_name``,
  ``cap-last_name``, ``cap-user_login``, ``cap-user_email``, ``cap-website``,
  ``cap-description``, and ``cap-linked_account``, the login of the WordPress user
  the profile belongs to);
- else a WordPress user (``wp:author``) with that login, or the guest author linked
  to that user, which then stands for them;
- else only the term itself, whose description Co-Authors Plus fills with
  "display_name first_name last_name user_login ID user_email".

Co-Authors Plus refuses a guest author whose user_login is another user's login
(unless the profile is that user's), so logins and guest authors' user_logins share
one namespace: ``ImportedAuthor.login`` keys both, and a re-run finds the same author.
Authors here belong to the editors after their first import: a later run credits
them, it does not rewrite them.
"""

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlparse

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.text import slugify
from django.utils.translation import gettext as _

from authors.models import Author
from citations.models import web_url

from .content import autop, plain_text
from .models import ImportedAuthor
from .report import ImportReport
from .translations import Member
from .wxr import WPAuthor, WPItem, WPItemTerm, WXRExport

GUEST_AUTHOR = "guest-author"
NAME_LENGTH = Author._meta.get_field("name").max_length
EMAIL_LENGTH = Author._meta.get_field("email").max_length
URL_LENGTH = Author._meta.get_field("x_url").max_length
X_HOSTS = {"x.com", "twitter.com"}
LINKEDIN_HOSTS = {"linkedin.com"}


@dataclass
class GuestAuthor:
    """A Co-Authors Plus guest author, as its ``guest-author`` post describes it."""

    post_id: int
    post_name: str
    user_login: str
    display_name: str
    first_name: str
    last_name: str
    email: str
    linked_account: str
    website: str
    description: str
    has_photo: bool

    @classmethod
    def from_item(cls, item: WPItem) -> "GuestAuthor":
        def meta(key: str) -> str:
            return item.meta.get(f"cap-{key}", "").strip()

        post_name = unquote(item.post_name).strip().lower()
        # Non-Latin user_logins are stored percent-encoded, as the plugin reads them.
        login = unquote(meta("user_login")) or post_name.removeprefix("cap-")
        return cls(
            post_id=item.post_id,
            post_name=post_name,
            user_login=login,
            display_name=meta("display_name") or plain_text(item.title),
            first_name=meta("first_name"),
            last_name=meta("last_name"),
            email=meta("user_email"),
            linked_account=meta("linked_account"),
            website=meta("website"),
            description=item.meta.get("cap-description", "").strip(),
            has_photo=bool(item.meta.get("_thumbnail_id", "").strip()),
        )

    @property
    def name(self) -> str:
        full = f"{self.first_name} {self.last_name}".strip()
        return self.display_name or full or self.user_login


@dataclass
class Credit:
    """One person of a byline: the logins that name them, and who they are."""

    logins: tuple[str, ...]  # the ImportedAuthor keys; the first is the main one
    label: str
    guest: GuestAuthor | None = None
    user: WPAuthor | None = None
    term: WPItemTerm | None = None

    def same_person(self, other: "Credit") -> bool:
        return bool(set(self.logins) & set(other.logins))


def nicename(login: str) -> str:
    """WordPress's ``user_nicename`` for a login, near enough (sanitize_title)."""
    return slugify(unquote(login)).lower()


class Authors:
    """Bylines as authors, by the login → author records of the site."""

    def __init__(self, export: WXRExport, report: ImportReport, *, language: str):
        self.site = export.site
        self.report = report
        self.language = language  # of guest authors' biographies
        self.wp_authors = {author.login: author for author in export.authors}
        self.by_nicename = {nicename(a.login): a for a in export.authors}
        self.guests = [
            GuestAuthor.from_item(item)
            for item in export.items
            if item.post_type == GUEST_AUTHOR
        ]
        self.guest_by_name = {g.post_name: g for g in self.guests}
        self.guest_by_login = {g.user_login: g for g in self.guests}
        self.guest_by_account = {
            g.linked_account: g for g in self.guests if g.linked_account
        }
        self.term_descriptions = {
            term.slug: term.description
            for term in export.terms
            if term.taxonomy == "author"
        }
        self.known = {
            record.login: record.author
            for record in ImportedAuthor.objects.filter(site=self.site).select_related(
                "author"
            )
        }
        self.known_before = set(self.known)
        self.credited_guests: set[int] = set()

    # --- who is credited (no writes) ---------------------------------------------

    def credits(self, item: WPItem) -> list[Credit]:
        """The post's byline, in order, as people (nothing is written)."""
        terms = item.terms_of("author")
        if not terms:
            login = item.creator.strip()
            return [self.user_credit(login)] if login else []
        credits: list[Credit] = []
        for term in terms:
            credit = self.term_credit(term)
            if credit and not any(credit.same_person(c) for c in credits):
                credits.append(credit)
        return credits

    def guest_credit(self, guest: GuestAuthor) -> Credit:
        logins = [guest.user_login]
        if guest.linked_account and guest.linked_account != guest.user_login:
            logins.append(guest.linked_account)
        return Credit(logins=tuple(logins), label=guest.name, guest=guest)

    def user_credit(self, login: str) -> Credit:
        guest = self.guest_by_account.get(login)
        if guest is not None:  # the user's guest author profile stands for them
            return self.guest_credit(guest)
        user = self.wp_authors.get(login)
        return Credit(logins=(login,), label=user.name if user else login, user=user)

    def term_credit(self, term: WPItemTerm) -> Credit | None:
        slug = unquote(term.slug).strip().lower()
        login = unquote(term.name).strip()
        guest = self.guest_by_name.get(slug) or self.guest_by_login.get(login)
        if guest is not None:
            return self.guest_credit(guest)
        user = self.wp_authors.get(login) or self.by_nicename.get(
            slug.removeprefix("cap-")
        )
        if user is not None:
            return self.user_credit(user.login)
        login = login or slug.removeprefix("cap-")
        if not login:
            return None
        return Credit(logins=(login,), label=login, term=term)

    # --- the authors here ----------------------------------------------------------

    def byline(self, members: list[Member]) -> list[Author]:
        """The article's authors: the original's byline, in order.

        A translation that credits someone the original does not is reported: the
        byline serves every language, and a translator is not an author.
        """
        original = members[0].item
        credits = self.credits(original)
        if not credits:
            self.report.warn(
                [original.post_id],
                _("no author in WordPress; the article has no byline."),
            )
        for member in members[1:]:
            extra = [
                credit
                for credit in self.credits(member.item)
                if not any(credit.same_person(c) for c in credits)
            ]
            if extra:
                self.report.warn(
                    [member.item.post_id],
                    _(
                        "credits %(names)s, whom the original does not; the "
                        "article's byline is the original's."
                    )
                    % {"names": ", ".join(f"“{c.label}”" for c in extra)},
                )
        authors: list[Author] = []
        for credit in credits:
            author = self.author(credit, original.post_id)
            if all(author.pk != other.pk for other in authors):
                authors.append(author)
        return authors

    def author(self, credit: Credit, post_id: int) -> Author:
        """The author for ``credit``, found by any of its logins or made."""
        if credit.guest is not None:
            self.credited_guests.add(credit.guest.post_id)
        author = next(
            (self.known[login] for login in credit.logins if login in self.known),
            None,
        )
        if author is None:
            if credit.guest is not None:
                author = self.from_guest(credit.guest)
            elif credit.user is not None:
                author = self.from_user(credit.user, post_id)
            elif credit.term is not None:
                author = self.from_term(credit, post_id)
            else:
                author = self.from_login(credit.logins[0], post_id)
            self.report.object("author", "created")
        for login in credit.logins:
            if login not in self.known:
                ImportedAuthor.objects.create(
                    site=self.site, login=login, author=author
                )
                self.known[login] = author
        return author

    def from_user(self, user: WPAuthor, post_id: int) -> Author:
        author = Author(
            name=user.name[:NAME_LENGTH],
            email=self.email(user.email, user.login, post_id),
        )
        author.save()
        return author

    def from_guest(self, guest: GuestAuthor) -> Author:
        author = Author(
            name=guest.name[:NAME_LENGTH],
            email=self.email(guest.email, guest.user_login, guest.post_id),
        )
        if guest.description:
            setattr(author, f"bio_{self.language}", autop(guest.description))
        if guest.website:
            self.website(author, guest)
        if guest.has_photo:
            self.report.warn(
                [guest.post_id],
                _(
                    "guest author “%(name)s”: the photo is not imported; add it "
                    "to the author here."
                )
                % {"name": guest.name},
            )
        author.save()
        return author

    def from_term(self, credit: Credit, post_id: int) -> Author:
        """An author known only by a post's author term (its guest author or user is
        not in the export): named from the term's description."""
        login = credit.logins[0]
        description = self.term_descriptions.get(credit.term.slug, "")
        name, email = login, ""
        found = re.fullmatch(
            rf"(?P<names>.*?)\s*{re.escape(login)}\s+\d+\s*(?P<email>\S*)",
            description.strip(),
        )
        if found:
            words = found.group("names").split()
            half = len(words) // 2
            if words and len(words) % 2 == 0 and words[:half] == words[half:]:
                words = words[:half]  # "Jane Doe Jane Doe": display, first, last
            name = " ".join(words) or login
            email = found.group("email")
        self.report.warn(
            [post_id],
            _(
                "co-author “%(login)s” is neither a guest author nor a user in the "
                "export (export “All content” to include guest authors); named "
                "“%(name)s” from its author term."
            )
            % {"login": login, "name": name},
        )
        author = Author(
            name=name[:NAME_LENGTH], email=self.email(email, login, post_id)
        )
        author.save()
        return author

    def from_login(self, login: str, post_id: int) -> Author:
        """The author of a post whose login the export does not list."""
        self.report.warn(
            [post_id],
            _(
                "its WordPress author “%(login)s” is not among the export's authors; "
                "the author is named by the login."
            )
            % {"login": login},
        )
        author = Author(name=login[:NAME_LENGTH])
        author.save()
        return author

    def email(self, email: str, login: str, post_id: int) -> str:
        """``email`` when it is an address this site can store; else "" (reported)."""
        if not email:
            return ""
        try:
            validate_email(email)
        except ValidationError:
            valid = False
        else:
            valid = len(email) <= EMAIL_LENGTH
        if valid:
            return email
        self.report.warn(
            [post_id],
            _("author “%(login)s”: e-mail “%(email)s” is not valid; not imported.")
            % {"login": login, "email": email},
        )
        return ""

    def website(self, author: Author, guest: GuestAuthor) -> None:
        """A guest author's website, where an author here has a field for it."""
        host = urlparse(guest.website).hostname or ""

        def on(hosts) -> bool:
            return any(host == h or host.endswith(f".{h}") for h in hosts)

        field = "x_url" if on(X_HOSTS) else "linkedin_url" if on(LINKEDIN_HOSTS) else ""
        try:
            web_url(guest.website)
        except ValidationError:
            field = ""
        if field and len(guest.website) <= URL_LENGTH:
            setattr(author, field, guest.website)
            return
        self.report.warn(
            [guest.post_id],
            _(
                "guest author “%(name)s”: website %(url)s is not imported; authors "
                "here have only X and LinkedIn profiles."
            )
            % {"name": guest.name, "url": guest.website},
        )

    def finish(self) -> None:
        """Count the guest-author posts: imported, unchanged or not credited."""
        uncredited = []
        for guest in self.guests:
            logins = self.guest_credit(guest).logins
            if all(login in self.known_before for login in logins):
                self.report.item(GUEST_AUTHOR, "unchanged")
            elif guest.post_id in self.credited_guests:
                self.report.item(GUEST_AUTHOR, "imported")
            else:
                self.report.item(GUEST_AUTHOR, "skipped")
                uncredited.append(guest.post_id)
        if uncredited:
            self.report.warn(
                uncredited,
                _("guest author credited on no imported post; not imported."),
            )
