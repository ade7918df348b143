"""dumpflow/urlkey.py: one post, many spellings of its address, one key."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dumpflow.urlkey import url_key

POST = "blog.example.org/2024/03/05/tokenizer-drift"


@pytest.mark.parametrize(
    "url",
    [
        "https://blog.example.org/2024/03/05/tokenizer-drift/",
        "http://blog.example.org/2024/03/05/tokenizer-drift/",
        "HTTPS://Blog.Example.ORG/2024/03/05/tokenizer-drift",
        "https://blog.example.org:443/2024/03/05/tokenizer-drift/",
        "http://blog.example.org:80/2024/03/05/tokenizer-drift/index.html",
        "https://blog.example.org/2024/03/05/tokenizer-drift/index.htm",
        "https://blog.example.org/2024/03/05/tokenizer-drift/#comments",
        "https://blog.example.org/2024/03/05/tokenizer-drift/?utm_source=rss&utm_medium=feed",
        "https://blog.example.org/2024/03/05/tokenizer-drift?fbclid=abc&spm=1001.2014",
        "https://blog.example.org/2024/03/05/./tokenizer-drift/",
        "https://blog.example.org/2024/03/xx/../05/tokenizer-drift",
        "  https://blog.example.org/2024/03/05/tokenizer-drift/  ",
        "https://user:secret@blog.example.org/2024/03/05/tokenizer-drift/",
        "https://blog.example.org./2024/03/05/tokenizer-drift/",
    ],
)
def test_spellings_of_one_post_share_its_key(url: str) -> None:
    assert url_key(url) == POST


def test_percent_encoded_and_raw_unicode_slugs_are_one_key() -> None:
    raw = url_key("https://zh.example.cn/2024/01/01/分词器综述/")
    encoded = url_key("https://zh.example.cn/2024/01/01/%E5%88%86%E8%AF%8D%E5%99%A8%E7%BB%BC%E8%BF%B0/")
    lower_hex = url_key("https://zh.example.cn/2024/01/01/%e5%88%86%e8%af%8d%e5%99%a8%e7%bb%bc%e8%bf%b0")
    assert raw == encoded == lower_hex
    assert raw is not None and raw.isascii()


def test_internationalized_host_is_one_key_in_unicode_and_punycode() -> None:
    assert url_key("https://例子.中国/post/1") == url_key("https://xn--fsqu00a.xn--fiqs8s/post/1")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://blog.example.org/posts/a/", "https://blog.example.org/posts/b/"),
        ("https://blog.example.org/Posts/A", "https://blog.example.org/posts/a"),  # paths are case-sensitive
        ("https://blog.example.org/p?id=1", "https://blog.example.org/p?id=2"),
        ("https://blog.example.org:8080/p", "https://blog.example.org/p"),
        ("https://a.example.org/p", "https://b.example.org/p"),
        ("https://blog.example.org/app/#/post/1", "https://blog.example.org/app/#/post/2"),
    ],
)
def test_different_posts_keep_different_keys(a: str, b: str) -> None:
    assert url_key(a) is not None and url_key(b) is not None
    assert url_key(a) != url_key(b)


def test_meaningful_query_is_kept_and_sorted() -> None:
    assert url_key("https://wp.example.com/?p=123&lang=en") == "wp.example.com?lang=en&p=123"
    assert url_key("https://wp.example.com/?lang=en&p=123&utm_campaign=x") == "wp.example.com?lang=en&p=123"


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "/2024/03/05/tokenizer-drift/",  # relative: which site?
        "../tokenizer-drift/",
        "ftp://blog.example.org/post",
        "mailto:someone@example.org",
        "javascript:void(0)",
        "https:///no-host",
        "http://[::1",
        "https://blog.example.org:notaport/post",
        "https://blog.example.org/",  # a home page names the site, not a post
        "https://blog.example.org/index.html",
        "https://blog.example.org/#about",
        "https://blog.example.org/?utm_source=x",
    ],
)
def test_addresses_that_cannot_identify_a_post_have_no_key(url: str | None) -> None:
    assert url_key(url) is None


_segment = st.text(alphabet="abcXYZ019-_.~%分词é ", min_size=1, max_size=8)
_urls = st.builds(
    lambda scheme, host, segments, slash, query, fragment: (
        f"{scheme}://{host}/{'/'.join(segments)}{slash}{query}{fragment}"
    ),
    st.sampled_from(["http", "https", "HTTP"]),
    st.sampled_from(["blog.example.org", "Blog.Example.org:443", "zh.example.cn", "例子.中国"]),
    st.lists(_segment, min_size=1, max_size=4),
    st.sampled_from(["", "/", "/index.html"]),
    st.sampled_from(["", "?a=1&b=2", "?b=2&a=1&utm_source=x", "?q=a+b"]),
    st.sampled_from(["", "#top", "#/route/x"]),
)


@given(_urls)
def test_a_key_read_back_as_an_address_gives_itself(url: str) -> None:
    """The key is a fixed point: normalizing twice changes nothing, whichever scheme is put back."""
    key = url_key(url)
    if key is not None:
        assert url_key("https://" + key) == key
        assert url_key("http://" + key) == key
