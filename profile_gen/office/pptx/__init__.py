"""The defence deck as an editable PowerPoint file (`soutenance.pptx`), with python-pptx.

`text` turns Markdown into plain text, `measure` predicts how text wraps (PowerPoint does
not fit text when a file is written: sizes are chosen here), `shapes` draws the pieces
(accent rule, heading, footer, cards, badges, pictures), `layout` holds the canvas's regions
and the deck's context, `slides` draws each slide type of the plan as the HTML deck does
(the same fitted plan and type scales, `views/deck_fit.py`), and
`deck` puts the presentation together and saves it byte for byte the same.
"""
