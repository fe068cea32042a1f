"""The no-leak tests' crawler: follow same-site links as one role and collect the canaries each answer shows."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlparse

CANARY = re.compile(rb"GCCANARY-[a-z0-9-]+")
LINK = re.compile(rb"""(?:href|src|action)=["']([^"'#]+)""")
#: Links a crawl never follows: signing out, the admin (crawled by its own tests), language switches, files of
#: the front end, and anything that deletes.
SKIP = ("/account/logout", "/admin/", "/i18n/", "/static/", "mailto:", "javascript:", "/delete/")


def body_of(response: Any) -> bytes:
    """The whole body; a streamed one is read once (closing it twice would close the test's DB connection)."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def canaries_in(body: bytes) -> set[str]:
    return {m.decode() for m in CANARY.findall(body)}


@dataclass
class Crawl:
    """What one crawl reached: the URLs visited, every canary seen, and each answer that showed a forbidden one."""

    visited: set[str] = field(default_factory=set)
    seen: set[str] = field(default_factory=set)
    leaks: list[str] = field(default_factory=list)


def crawl(client: Any, start: Iterable[str], *, forbidden: set[str], limit: int) -> Crawl:
    """GET every same-site link reachable from ``start`` (breadth first, at most ``limit`` URLs)."""
    result = Crawl()
    queue = list(start)
    while queue and len(result.visited) < limit:
        url = queue.pop(0)
        if url in result.visited:
            continue
        result.visited.add(url)
        response = client.get(url)
        body = body_of(response)
        found = canaries_in(body)
        result.seen |= found
        if found & forbidden:
            result.leaks.append(f"{url}: {sorted(found & forbidden)}")
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or not any(t in content_type for t in ("html", "xml", "json")):
            continue
        for raw in LINK.findall(body):
            link = raw.decode(errors="ignore").replace("&amp;", "&")
            absolute = urljoin("http://testserver" + url, link)
            parsed = urlparse(absolute)
            if parsed.netloc not in ("testserver", "localhost") or any(s in absolute for s in SKIP):
                continue
            target = parsed.path + (f"?{parsed.query}" if parsed.query else "")
            if target not in result.visited:
                queue.append(target)
    return result
