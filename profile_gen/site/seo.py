"""Link previews and search engines: schema.org data, sitemap, robots.txt and the icon
(data, no HTML)."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from profile_gen.profile.model import Profile
from profile_gen.site.context import DECK_SLUGS


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
    public = identity.contact.shown_on("site")
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


PRINT_PATHS = (
    "/annexe/",
    "/annexe.pdf",
    "/annexe.docx",
    "/cv/",
    "/cv.pdf",
    "/soutenance.pdf",
    "/soutenance.pptx",
    "/en/soutenance.pptx",
)
"""Printed and office documents: the one list of them. They may hold data meant for the
annexe only, and belong in the thesis or on the jury's USB stick, not online: `publish`
leaves them out and robots keep out."""

PRINT_SUFFIXES = (".pdf", ".docx", ".pptx")
"""Document files are print outputs wherever they are: never published."""


def is_print_output(relative: str) -> bool:
    """Whether the output file or folder at `relative` (to the output folder, `/`-separated)
    is printed material, which stays off the published Book."""
    parts = relative.strip("/").split("/")
    top = {path.strip("/") for path in PRINT_PATHS}
    return parts[0] in top or parts[-1].lower().endswith(PRINT_SUFFIXES)


REHEARSAL_FOLDERS = tuple(
    sorted({*DECK_SLUGS.values(), *(f"{lang}/{slug}" for lang, slug in DECK_SLUGS.items())})
)
"""The deck's folders in every language and place (`soutenance`, `en/defence`, `defence`
for an English-first Book, `fr/soutenance`): the deck with its speaker notes, the cue
cards, the outline and the questions with the prepared answers, for the student's computer
only. Never published, and never named in `robots.txt` either (that would point at them);
the deck the profile publishes (`defence.public_deck`) has its own folder, without notes."""


def is_kept_off(relative: str) -> bool:
    """Whether the output file or folder at `relative` (to the output folder, `/`-separated)
    stays off the published Book: printed material or rehearsal material."""
    parts = relative.strip("/").split("/")
    inside = {"/".join(parts[:1]), "/".join(parts[:2])}
    return is_print_output(relative) or bool(inside & set(REHEARSAL_FOLDERS))


def kept_off_names() -> list[str]:
    """The top-level names (and `lang/folder`) of everything kept off the published Book."""
    return sorted({path.strip("/") for path in PRINT_PATHS} | set(REHEARSAL_FOLDERS))


def robots(sitemap_url: str | None) -> str:
    text = "User-agent: *\n" + "".join(f"Disallow: {path}\n" for path in PRINT_PATHS)
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
