"""The site's Content-Security-Policy and the links it marks: what a page may load and run.

Every page carries the policy in a ``<meta http-equiv>`` (``theme/main.html``); README shows the same
policy as server headers, with the directives a meta element cannot carry. The site satisfies it by
itself: Material's inline scripts are moved to files (``theme/partials/javascripts/``), Pagefind's
WebAssembly needs ``'wasm-unsafe-eval'``, and only ``style`` *attributes* are allowed inline (table
cell alignment written by Python-Markdown, ``style-src-attr``), never a ``<style>`` element.
``tests/test_security.py`` loads each kind of page in Chromium and sees no violation and no request to
another host.
"""

from __future__ import annotations

import re

CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    )
)
"""The policy of the ``<meta>`` element of every page."""

ADMIN_CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob: https://avatars.githubusercontent.com",
        "font-src 'self' data:",
        "connect-src 'self' https://api.github.com",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    )
)
"""The policy of the web editor's page (``admin/index.html``), as strict as Decap CMS allows: its
bundle is served from the site itself, no inline script runs, but it validates its configuration with
AJV, which compiles each JSON Schema into a function (``new Function``: ``script-src 'unsafe-eval'``;
without it the editor stops at «Error compiling schema»), and it styles its interface with ``<style>``
elements it writes at run time (emotion, CSS-in-JS: ``style-src 'unsafe-inline'``); it talks to
GitHub's API (``connect-src https://api.github.com``: reading and committing content, opening pull
requests), shows the signed-in user's avatar
(``avatars.githubusercontent.com``) and previews images it holds in memory (``blob:``, ``data:``)."""
LOCAL_API = "http://localhost:8081 http://127.0.0.1:*"
"""What a local build's editor also connects to: ``decap-server`` on this machine (``make cms``)."""


def admin_csp(local: bool = False) -> str:
    """The editor's policy (:data:`ADMIN_CSP`); ``local``: it also reaches ``decap-server``."""
    return (
        ADMIN_CSP.replace("https://api.github.com", f"https://api.github.com {LOCAL_API}")
        if local
        else ADMIN_CSP
    )


HEADER_ONLY = "frame-ancestors 'self'"
"""Directives a browser obeys only in a header (README, server configuration)."""

_EXTERNAL = re.compile(r'<a\b(?=[^>]*\bhref="https?://)([^>]*)>')
_REL = re.compile(r'\brel="([^"]*)"')


def mark_external_links(html: str) -> str:
    """Add ``rel="noopener"`` to every link to another site (``href="http(s)://…"``).

    ``noopener`` keeps the opened page from reaching back into this one; the referrer is left to the
    ``Referrer-Policy`` header (README: the origin only), since the portals linked to are public.
    """
    return _EXTERNAL.sub(_with_noopener, html)


def _with_noopener(match: re.Match[str]) -> str:
    attributes = match.group(1)
    rel = _REL.search(attributes)
    if rel is None:
        return f'<a{attributes} rel="noopener">'
    if "noopener" in rel.group(1).split():
        return match.group(0)
    merged = f'rel="{rel.group(1)} noopener"'
    return f"<a{attributes[: rel.start()]}{merged}{attributes[rel.end() :]}>"
