"""Word documents (`.docx`) with python-docx: styles, text and links, Markdown, pictures.

Helpers of `profile_gen.book.generators.annexe_docx`. Every text of the profile enters the
document as plain runs (`inline.add_text`): never as field codes, never as markup, and links
only to absolute http(s) addresses (`inline.add_link`).
"""
