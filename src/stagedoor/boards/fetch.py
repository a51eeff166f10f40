"""Fetching a manager's URL for an import without reaching into the server's own network.

Only globally routable unicast addresses are dialled. Python's `ip_address.is_global`
alone is not enough (before 3.13 it calls NAT64 `64:ff9b::/96`, 6to4 `2002::/16` and
multicast global), so the translation prefixes, whose packets end at an IPv4 address we
cannot see, are refused outright. The check runs when the socket connects, on the very
address dialled: on the first request, on every redirect hop, and after any DNS change
between look-up and connect. A proxy that enforces egress rules remains the stronger wall.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings

from .sources import SourceError

MAX_BYTES = 5 * 1024 * 1024
FETCH_TIMEOUT = 20
USER_AGENT = "Stagedoor job import (+https://github.com/stagedoor)"

# IPv6 prefixes that carry (or translate to) an IPv4 address, or are otherwise special.
_REFUSED_V6 = tuple(
    ipaddress.ip_network(n)
    for n in (
        "::/96",  # IPv4-compatible (deprecated)
        "::ffff:0:0/96",  # IPv4-mapped
        "64:ff9b::/96",  # NAT64, well-known prefix
        "64:ff9b:1::/48",  # NAT64, local use
        "100::/64",  # discard-only
        "2001::/23",  # IETF protocol assignments (Teredo, ORCHID, ...)
        "2001:db8::/32",  # documentation
        "2002::/16",  # 6to4
        "fc00::/7",  # unique local
        "fec0::/10",  # site-local (deprecated)
    )
)


def is_public_address(text: str) -> bool:
    """Whether an IP address is a globally routable unicast address."""
    try:
        address = ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return False
    if (
        not address.is_global
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or address.is_loopback
        or address.is_link_local
        or address.is_private
    ):
        return False
    if isinstance(address, ipaddress.IPv6Address):
        return not any(address in net for net in _REFUSED_V6)
    return True


def _refusal(url_or_host: str, host: str) -> SourceError:
    return SourceError(f"Refusing to fetch {url_or_host}: {host} is a private or local address.")


def check_public(url: str) -> None:
    """Refuse a URL whose host resolves to any address that is not public."""
    if settings.STAGEDOOR_IMPORT_ALLOW_PRIVATE:
        return
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError as exc:
        raise SourceError(f"Could not fetch {url}: {exc}") from exc
    if not infos or not all(is_public_address(info[4][0]) for info in infos):
        raise _refusal(url, host)


def _connect_public(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None):
    """socket.create_connection that dials only public addresses, checked as dialled."""
    host, port = address
    if settings.STAGEDOOR_IMPORT_ALLOW_PRIVATE:
        return socket.create_connection(address, timeout, source_address)
    infos = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)
    if not infos or not all(is_public_address(info[4][0]) for info in infos):
        raise _refusal(host, host)
    error: OSError | None = None
    for family, kind, proto, _, sockaddr in infos:
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            error = exc
            sock.close()
    raise error or OSError(f"could not connect to {host}")


class _PublicHTTP(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _connect_public


class _PublicHTTPS(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _connect_public


class _PublicHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_PublicHTTP, req)


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_PublicHTTPS, req, context=self._context)


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urllib.parse.urlsplit(newurl).scheme not in ("http", "https"):
            raise SourceError(f"Refusing to follow a redirect to {newurl}.")
        check_public(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@dataclass(frozen=True)
class Fetched:
    """One fetched page: its text, its content type, the URL it came from in the end (after
    redirects: the base its relative links resolve against), its size in bytes and its Link
    header fields (RFC 8288; a server may send several)."""

    text: str
    content_type: str
    url: str
    size: int
    links: tuple[str, ...] = ()


def fetch_page(url: str) -> Fetched:
    """The page at a URL, at most MAX_BYTES, dialling only public addresses."""
    check_public(url)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    opener = urllib.request.build_opener(_PublicHTTPHandler, _PublicHTTPSHandler, _CheckedRedirects)
    try:
        with opener.open(request, timeout=FETCH_TIMEOUT) as response:
            body = response.read(MAX_BYTES + 1)
            ctype = response.headers.get("Content-Type", "")
            charset = response.headers.get_content_charset() or "utf-8"
            links = tuple(response.headers.get_all("Link") or ())
            landed = response.geturl() or url
    except (OSError, ValueError) as exc:  # a refusal as the socket connects passes through
        raise SourceError(f"Could not fetch {url}: {exc}") from exc
    if len(body) > MAX_BYTES:
        raise SourceError(f"{url} is larger than {MAX_BYTES // 1024 // 1024} MB.")
    try:
        text = body.decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know: read it as UTF-8
        text = body.decode("utf-8", errors="replace")
    return Fetched(text=text, content_type=ctype, url=landed, size=len(body), links=links)


def fetch(url: str) -> tuple[str, str]:
    """(text, content type) of a URL, at most MAX_BYTES."""
    page = fetch_page(url)
    return page.text, page.content_type


# --- Link header (RFC 8288) -----------------------------------------------------------------


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t":
        i += 1
    return i


def _quoted(text: str, i: int) -> tuple[str, int]:
    """The quoted-string starting at text[i] (a double quote), unescaped, and where it ends."""
    out, i = [], i + 1
    while i < len(text) and text[i] != '"':
        if text[i] == "\\" and i + 1 < len(text):
            i += 1
        out.append(text[i])
        i += 1
    return "".join(out), i + 1


def parse_links(fields) -> list[tuple[str, dict[str, str]]]:
    """Every link in Link header fields, as (target as written, parameters).

    Parameter names are lower-cased and only a parameter's first occurrence counts; values
    may be tokens or quoted strings (which may hold commas and semicolons). A link whose
    target is not in angle brackets is skipped up to the next comma.
    """
    links = []
    for field in fields:
        i = 0
        while i < len(field):
            i = _skip_space(field, i)
            if i < len(field) and field[i] == ",":
                i += 1
                continue
            if i >= len(field):
                break
            if field[i] != "<" or (end := field.find(">", i)) < 0:
                comma = field.find(",", i)
                i = len(field) if comma < 0 else comma + 1
                continue
            target, i = field[i + 1 : end].strip(), end + 1
            params: dict[str, str] = {}
            while True:
                i = _skip_space(field, i)
                if i >= len(field) or field[i] == ",":
                    break
                if field[i] != ";":  # junk after a link: skip to the next one
                    comma = field.find(",", i)
                    i = len(field) if comma < 0 else comma
                    continue
                i = _skip_space(field, i + 1)
                start = i
                while i < len(field) and field[i] not in "=;, \t":
                    i += 1
                name = field[start:i].lower()
                i = _skip_space(field, i)
                value = ""
                if i < len(field) and field[i] == "=":
                    i = _skip_space(field, i + 1)
                    if i < len(field) and field[i] == '"':
                        value, i = _quoted(field, i)
                    else:
                        start = i
                        while i < len(field) and field[i] not in ";,":
                            i += 1
                        value = field[start:i].strip()
                if name and name not in params:
                    params[name] = value
            links.append((target, params))
    return links


def next_link(fields, *, base: str) -> str | None:
    """The absolute URL of the first rel="next" link about the page at `base` (relative
    targets resolve against it; a link with another `anchor` is about something else)."""
    for target, params in parse_links(fields):
        if "next" not in params.get("rel", "").lower().split():
            continue
        if "anchor" in params and urllib.parse.urljoin(base, params["anchor"]) != base:
            continue
        return urllib.parse.urldefrag(urllib.parse.urljoin(base, target))[0]
    return None
