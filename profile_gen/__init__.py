"""profile_gen: one YAML profile -> the Book (a Pelican site), the printable annexe and the
defence deck. The command line is `profile_gen.app.cli`; the Pelican plugin is `profile_gen.book.plugin`."""
