"""The theme of the Book and the print outputs, shipped inside the package as
`profile_gen.theme` (templates/, static/); kept at the top of the repository."""
