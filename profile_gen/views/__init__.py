"""What each document shows, decided once and renderer-neutral (no Pelican, Jinja, WeasyPrint,
python-docx or python-pptx): the CV, the deck's fit, the Book's addresses and QR links, the
citations, the chart, text helpers and font metrics. HTML, PDF, Word and PowerPoint lay
these out."""
