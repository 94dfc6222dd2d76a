"""One Pelican generator per output: `book`, `annexe` (and the CV), `deck`, `annexe_docx`,
`deck_pptx`. Each reads the shared context and the views, and writes where the registry
(`profile_gen.outputs`) says."""
