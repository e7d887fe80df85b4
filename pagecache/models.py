import secrets

# Stored pages live in the cache (``store``), not in the database: a hit reads no
# table. ``new_token`` stays for the first migration, which names it.


def new_token() -> str:
    return secrets.token_hex(12)
