"""WeasyPrint: the PDFs of the annexe, the CV and the deck (PDF/A, PDF/UA), its fetcher, and
the CV's fit by laying the page out."""
