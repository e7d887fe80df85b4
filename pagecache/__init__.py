"""The page cache. Other code ends stored pages with ``invalidate(tags)``, naming
what changed with the helpers of ``pagecache.tags`` (``tags.article(pk)``,
``tags.listing(language)``, ``tags.term(kind, pk)`` ...); pages declare what they
show with ``tags.tag(...)`` while they render."""
