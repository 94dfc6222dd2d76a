"""The defence deck as an editable PowerPoint file (`soutenance.pptx`), with python-pptx.

`text` turns Markdown into plain text, `measure` predicts how text wraps (PowerPoint does
not fit text when a file is written: sizes are chosen here), `shapes` draws the pieces
(title bar, footer, cards, pictures), `slides` draws each slide type of the plan, and
`deck` puts the presentation together and saves it byte for byte the same.
"""
