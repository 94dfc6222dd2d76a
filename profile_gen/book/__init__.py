"""The Book: the Pelican side (plugin, settings, shared context, Jinja filters and sandbox) and
the generators that write every output through Pelican (`generators/`)."""
