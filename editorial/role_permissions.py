"""The permissions each role group holds (Admin holds every permission).

Plain data, imported by the migration that makes the groups and by the post-migrate
handler that keeps them whole (a test database flush, new apps' permissions).
"""

ROLES = {
    "Author": [
        "articles.add_article", "articles.change_article", "articles.view_article",
        "articles.view_category", "articles.view_region", "articles.view_topic",
        "authors.view_author",
        "citations.add_source", "citations.view_source",
        "citations.add_citation", "citations.change_citation",
        "citations.delete_citation", "citations.view_citation",
        "articles.add_articleauthor", "articles.change_articleauthor",
        "articles.delete_articleauthor", "articles.view_articleauthor",
        "library.add_image", "library.change_image", "library.view_image",
    ],
    "Translator": [
        "articles.change_article", "articles.view_article",
        "articles.translate_article",
        "articles.view_category", "articles.view_region", "articles.view_topic",
        "authors.view_author", "citations.view_source", "citations.view_citation",
        "articles.view_articleauthor",
        "library.change_image", "library.view_image",
    ],
    "Editor": [
        "articles.add_article", "articles.change_article", "articles.delete_article",
        "articles.view_article", "articles.publish_article",
        "articles.edit_any_article",
        "articles.add_category", "articles.change_category", "articles.view_category",
        "articles.add_region", "articles.change_region", "articles.view_region",
        "articles.add_topic", "articles.change_topic", "articles.view_topic",
        "authors.add_author", "authors.change_author", "authors.view_author",
        "citations.add_source", "citations.change_source", "citations.view_source",
        "citations.add_citation", "citations.change_citation",
        "citations.delete_citation", "citations.view_citation",
        "articles.add_articleauthor", "articles.change_articleauthor",
        "articles.delete_articleauthor", "articles.view_articleauthor",
        "editorial.view_revision", "editorial.view_transition",
        "pages.add_page", "pages.change_page", "pages.delete_page", "pages.view_page",
        "pages.view_pagerevision",
        "redirects.add_redirect", "redirects.change_redirect",
        "redirects.delete_redirect", "redirects.view_redirect",
        "library.add_image", "library.change_image", "library.delete_image",
        "library.view_image", "library.view_imageuse",
    ],
}  # fmt: skip
