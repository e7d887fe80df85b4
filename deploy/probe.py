"""Exit 0 when the site answers 200 at the address given (/healthz or /readyz),
else 1: for container health checks and process managers (docs/production.md).

The request names the first of DJANGO_ALLOWED_HOSTS as its Host, which the site
accepts; probes are exempt from the HTTPS redirect.
"""

import os
import sys
import urllib.error
import urllib.request


def main(url: str) -> int:
    host = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split(",")[0].strip()
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as error:
        sys.stderr.write(f"{url}: {error}\n")
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
