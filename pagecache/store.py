"""Where stored pages live: Redis (shared by every process) or this process.

A page is stored once per encoding (``br``, ``gzip``, ``identity``) under a fresh
key; a hit is one GET of the variant the reader accepts. Each tag is a set of the
pages carrying it; invalidating a tag moves its pages' fresh keys to stale keys
(served only while the database is unavailable) in one atomic script, and deletes
nothing else: no FLUSHDB, every key starts with the cache alias's KEY_PREFIX.

A generation counter guards against a render that read the database before a write
committed and stores after its invalidation: a page is stored only if no
invalidation happened since its render began.

Redis being down is not an error: lookups miss, nothing is stored, and the next
request after a short pause tries again over the same pool.
"""

import json
import logging
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver

logger = logging.getLogger(__name__)

ENCODINGS = ("br", "gzip", "identity")
# After a failed Redis call, the store is skipped for this long (seconds).
PAUSE_AFTER_FAILURE = 1.0
REDIS_TIMEOUT = 0.25  # seconds; Redis on the same network answers in well under 1 ms

STORE_SCRIPT = """
if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then return 0 end
for i = 1, 3 do
  redis.call('SET', KEYS[i + 1], ARGV[i + 4], 'EX', ARGV[2])
  redis.call('DEL', KEYS[i + 4])
end
for i = 8, #KEYS do
  redis.call('SADD', KEYS[i], ARGV[3])
  redis.call('EXPIRE', KEYS[i], ARGV[4])
end
return 1
"""

INVALIDATE_SCRIPT = """
redis.call('INCR', KEYS[1])
local moved = 0
for i = 2, #KEYS do
  for _, digest in ipairs(redis.call('SMEMBERS', KEYS[i])) do
    for _, encoding in ipairs({'br', 'gzip', 'identity'}) do
      local fresh = ARGV[1] .. encoding .. ':' .. digest
      if redis.call('EXISTS', fresh) == 1 then
        local stale = ARGV[2] .. encoding .. ':' .. digest
        redis.call('RENAME', fresh, stale)
        redis.call('EXPIRE', stale, ARGV[3])
        moved = moved + 1
      end
    end
  end
  redis.call('DEL', KEYS[i])
end
return moved
"""


def seconds() -> int:
    return settings.PAGE_CACHE_SECONDS


def stale_seconds() -> int:
    return getattr(settings, "PAGE_CACHE_STALE_SECONDS", 7 * 24 * 60 * 60)


class RedisStore:
    """Pages in Redis, over one connection pool per process."""

    def __init__(self, location: str, prefix: str):
        # Imported here: a site without Redis (the zero-setup default) never
        # loads the client's several megabytes into its web processes.
        import redis
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        self.errors = redis.RedisError
        self.client = redis.Redis.from_url(
            location,
            socket_timeout=REDIS_TIMEOUT,
            socket_connect_timeout=REDIS_TIMEOUT,
            retry=Retry(NoBackoff(), 0),  # a failed call is a miss, not a wait
            health_check_interval=30,
        )
        self.prefix = f"{prefix}:pc:" if prefix else "pc:"
        self.store_script = self.client.register_script(STORE_SCRIPT)
        self.invalidate_script = self.client.register_script(INVALIDATE_SCRIPT)
        self.down_until = 0.0

    def fresh(self, digest: str, encoding: str) -> str:
        return f"{self.prefix}f:{encoding}:{digest}"

    def stale(self, digest: str, encoding: str) -> str:
        return f"{self.prefix}s:{encoding}:{digest}"

    def tag_key(self, name: str) -> str:
        return f"{self.prefix}t:{name}"

    @property
    def generation_key(self) -> str:
        return f"{self.prefix}g"

    def _call(self, what, default=None):
        if time.monotonic() < self.down_until:
            return default
        try:
            return what()
        except self.errors as error:
            self.down_until = time.monotonic() + PAUSE_AFTER_FAILURE
            logger.warning("page cache: Redis unavailable (%s)", error)
            return default

    def get(self, digest: str, encoding: str) -> bytes | None:
        return self._call(lambda: self.client.get(self.fresh(digest, encoding)))

    def get_stale(self, digest: str, encoding: str) -> bytes | None:
        def read():
            fresh, stale = self.client.mget(
                self.fresh(digest, encoding), self.stale(digest, encoding)
            )
            return fresh or stale

        return self._call(read)

    @property
    def schedule_key(self) -> str:
        return f"{self.prefix}next"

    def prepare(self) -> tuple[int | None, dict | None]:
        """The invalidation counter (None when the store cannot be reached) and the
        stored publication schedule, in one round trip."""
        found = self._call(
            lambda: self.client.mget(self.generation_key, self.schedule_key)
        )
        if found is None:
            return None, None
        generation, schedule = found
        return int(generation or 0), (json.loads(schedule) if schedule else None)

    def set_schedule(self, moments: dict) -> None:
        text = json.dumps(moments)
        self._call(lambda: self.client.set(self.schedule_key, text))

    def put(self, digest: str, blobs: dict, tags, generation: int) -> bool:
        keys = [
            self.generation_key,
            *(self.fresh(digest, e) for e in ENCODINGS),
            *(self.stale(digest, e) for e in ENCODINGS),
            *(self.tag_key(name) for name in sorted(tags)),
        ]
        args = [
            generation,
            seconds(),
            digest,
            seconds() + stale_seconds(),
            *(blobs[e] for e in ENCODINGS),
        ]
        return bool(self._call(lambda: self.store_script(keys=keys, args=args)))

    def invalidate(self, tags) -> None:
        keys = [self.generation_key, *(self.tag_key(name) for name in sorted(tags))]
        args = [f"{self.prefix}f:", f"{self.prefix}s:", stale_seconds()]
        self._call(lambda: self.invalidate_script(keys=keys, args=args))

    def clear(self) -> None:
        """Forget this store's pages (its own keys only)."""

        def delete():
            for key in self.client.scan_iter(f"{self.prefix}*", count=1000):
                self.client.delete(key)

        self._call(delete)


class LocalStore:
    """Pages in this process's memory: the zero-setup default (one process)."""

    MAX_PAGES = 2000

    def __init__(self):
        self.lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        self.fresh: dict[str, tuple[float, dict]] = {}
        self.stale: dict[str, dict] = {}
        self.tags: dict[str, set[str]] = {}
        self.counter = 0
        self.schedule: dict | None = None

    def get(self, digest: str, encoding: str) -> bytes | None:
        entry = self.fresh.get(digest)
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1][encoding]

    def get_stale(self, digest: str, encoding: str) -> bytes | None:
        found = self.get(digest, encoding)
        if found is None and digest in self.stale:
            return self.stale[digest][encoding]
        return found

    def prepare(self) -> tuple[int, dict | None]:
        return self.counter, self.schedule

    def set_schedule(self, moments: dict) -> None:
        self.schedule = dict(moments)

    def put(self, digest: str, blobs: dict, tags, generation: int) -> bool:
        with self.lock:
            if generation != self.counter:
                return False
            if len(self.fresh) >= self.MAX_PAGES:
                self.fresh.pop(next(iter(self.fresh)))
            self.fresh[digest] = (time.monotonic() + seconds(), dict(blobs))
            self.stale.pop(digest, None)
            for name in tags:
                self.tags.setdefault(name, set()).add(digest)
            return True

    def invalidate(self, tags) -> None:
        with self.lock:
            self.counter += 1
            for name in tags:
                for digest in self.tags.pop(name, ()):
                    entry = self.fresh.pop(digest, None)
                    if entry is not None:
                        if len(self.stale) >= self.MAX_PAGES:
                            self.stale.pop(next(iter(self.stale)))
                        self.stale[digest] = entry[1]


_stores: dict = {}
_local = LocalStore()


def store():
    """This process's store for ``PAGE_CACHE_ALIAS`` (made once, then reused)."""
    alias = settings.PAGE_CACHE_ALIAS
    found = _stores.get(alias)
    if found is None:
        found = _stores[alias] = build(alias)
    return found


def build(alias: str):
    backend = caches[alias]
    if backend.__class__.__name__ == "RedisCache":
        location = backend._servers[0]
        return RedisStore(location, settings.CACHES[alias].get("KEY_PREFIX", ""))
    return _local


@receiver(setting_changed)
def forget_stores(setting, **kwargs):
    if setting in {"CACHES", "PAGE_CACHE_ALIAS"}:
        _stores.clear()
