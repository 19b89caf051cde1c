"""Rate limits for what anonymous visitors can trigger (feedback messages, password-reset
mails): a counter per key in the shared cache, which expires a fixed time after the first
counted request. Keys are hashed with the secret key: the cache holds no address."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """The sender's IP address as the server sees it. Behind a reverse proxy this is the
    proxy's address, unless the server setup passes the client's on."""
    return request.META.get("REMOTE_ADDR", "")


@dataclass(frozen=True)
class RateLimit:
    """At most ``limit`` counted requests per value (an address, an e-mail) in ``window``
    seconds; ``name`` keeps the counters of different limits apart."""

    name: str
    limit: int
    window: int

    def key(self, value: str) -> str:
        digest = hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()
        return f"{self.name}:{digest}"

    def reached(self, value: str) -> bool:
        return cache.get(self.key(value), 0) >= self.limit

    def count(self, value: str) -> None:
        key = self.key(value)
        cache.add(key, 0, self.window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr: this request starts a new window
            cache.add(key, 1, self.window)
