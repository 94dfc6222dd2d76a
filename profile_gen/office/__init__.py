"""The Word (`docx/`) and PowerPoint (`pptx/`) writers: python-docx and python-pptx, fed by
the views."""
