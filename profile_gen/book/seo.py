"""Link previews and search engines: schema.org data, sitemap, robots.txt and the icon
(data, no HTML)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from profile_gen import outputs
from profile_gen.profile.model import Profile


def person(profile: Profile, lang: str, url: str | None, image: str | None) -> dict:
    """The schema.org `Person` the Book describes, with only what the person made public."""
    identity = profile.identity
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": identity.name,
        "jobTitle": profile.text(identity.headline, lang),
    }
    if url:
        data["url"] = url
    if image:
        data["image"] = image
    same_as = [str(link) for link in (profile.links.linkedin,) if link]
    same_as += [str(other.url) for other in profile.links.others]
    if same_as:
        data["sameAs"] = same_as
    public = identity.contact.shown_on("online")
    if "email" in public:
        data["email"] = f"mailto:{public['email']}"
    if "city" in public:
        data["address"] = {
            "@type": "PostalAddress",
            "addressLocality": profile.text(identity.contact.city, lang),
        }
    if profile.languages:
        data["knowsLanguage"] = [
            profile.text(language.name, lang) for language in profile.languages
        ]
    schools = sorted({education.institution for education in profile.education})
    if schools:
        data["alumniOf"] = [{"@type": "EducationalOrganization", "name": name} for name in schools]
    return data


def sitemap(pages: list[dict[str, str]]) -> str:
    """A sitemap with `hreflang` alternates; each page is `{lang: absolute_url}`."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for versions in pages:
        for url in versions.values():
            lines.append(f"  <url><loc>{escape(url)}</loc>")
            if len(versions) > 1:
                for lang, other in versions.items():
                    lines.append(
                        f'    <xhtml:link rel="alternate" hreflang={quoteattr(lang)}'
                        f" href={quoteattr(other)}/>"
                    )
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots(sitemap_url: str | None, languages: Iterable[str], primary: str) -> str:
    """`robots.txt`: crawlers kept out of the profile's print outputs (the registry's
    `outputs.print_paths`); the rehearsal folders are not named (that would point at them)."""
    disallowed = outputs.print_paths(languages, primary)
    text = "User-agent: *\n" + "".join(f"Disallow: {path}\n" for path in disallowed)
    return text + (f"Sitemap: {sitemap_url}\n" if sitemap_url else "")


def initials(name: str) -> str:
    """``Léa Moreau`` → ``LM``; ``Jean-Pierre de La Tour`` → ``JT``; one word → one letter."""
    words = [word for word in re.split(r"[\s-]+", name) if word[:1].isalpha()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def icon(name: str, color: str) -> str:
    """The Book's icon (browser tab, bookmarks): the person's initials on a disc of their
    colour (`#rrggbb`, dark enough for white text), as SVG."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f'<circle cx="32" cy="32" r="32" fill="{escape(color)}"/>'
        '<text x="32" y="41" text-anchor="middle" fill="#ffffff" font-size="26" '
        'font-weight="700" font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">'
        f"{escape(initials(name))}</text></svg>\n"
    )
