"""A post's canonical address: the key that makes a card and its post page one article.

One post is linked in many spellings: `http` on one page and `https` on the
next, `Example.COM`, `:443`, `/index.html`, a trailing slash, `?utm_source=`
from a feed, a `#comments` anchor, Chinese slugs percent-encoded in one link
and raw in another. The key spells them all the same, so repeat detection can
treat equal keys as one article and different keys as different ones.

The key is `host[:port]/path[?query][#route]`, without the scheme (http and
https name the same post). What gets no key, and so no identity by address:
anything that is not an absolute http(s) URL (a relative link on a page
saved without its base: two sites' `/about/` are not one page), and a site's
bare home page (it names a site, not a post).

Pure and dependency-free so it can be tested alone and called per entry.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

# Query parameters that say how a reader arrived, never which page they read.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "spm",  # Alibaba / CSDN / cnblogs click tracking
        "ref_src",
        "share_source",
        "share_medium",
    }
)
TRACKING_PREFIXES = ("utm_",)
INDEX_FILES = ("index.html", "index.htm", "index.php")
DEFAULT_PORTS = frozenset({80, 443})
# Characters left unescaped in a path / query value; everything else is
# percent-encoded the same way whichever way the link spelled it.
_PATH_SAFE = "/:@!$&'()*+,;=-._~"
_QUERY_SAFE = ":@!$'()*,;/?-._~"


def url_key(url: str | None) -> str | None:
    """The canonical form of an absolute http(s) URL, or None when it cannot identify a post."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # a malformed address ("http://[x", a port that is not a number)
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = _host(parts.hostname)
    if port is not None and port not in DEFAULT_PORTS:
        host = f"{host}:{port}"
    path = _path(parts.path)
    query = _query(parts.query)
    if not path and not query:
        return None  # a home page: the site, not one of its posts
    key = host + path + (f"?{query}" if query else "")
    # A fragment is an anchor on the page, except a client-side route ("#/post/1", "#!/post/1").
    if parts.fragment.startswith(("/", "!")):
        key += "#" + quote(unquote(parts.fragment), safe=_PATH_SAFE + "?")
    return key


def _host(hostname: str) -> str:
    host = hostname.rstrip(".")  # urlsplit already lowercases it
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:  # not a valid internationalized name: compare it as written
        return host


def _path(path: str) -> str:
    """Percent-encoding made uniform, dot segments resolved, index file and trailing slashes dropped."""
    segments: list[str] = []
    for segment in quote(unquote(path), safe=_PATH_SAFE).split("/"):
        if segment == "..":
            if segments:
                segments.pop()
        elif segment not in ("", "."):
            segments.append(segment)
    if segments and segments[-1].lower() in INDEX_FILES:
        segments.pop()
    return "".join("/" + segment for segment in segments)


def _query(query: str) -> str:
    """Tracking parameters dropped, the rest sorted (their order never names another page)."""
    if not query:
        return ""
    pairs = [
        (name, value)
        for name, value in parse_qsl(query, keep_blank_values=True)
        if name.lower() not in TRACKING_PARAMS and not name.lower().startswith(TRACKING_PREFIXES)
    ]
    return urlencode(sorted(pairs), quote_via=quote, safe=_QUERY_SAFE)
