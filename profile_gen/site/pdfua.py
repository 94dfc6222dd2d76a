"""What WeasyPrint's tagged PDFs lack for PDF/UA-1, added after printing (pikepdf).

- **The running footer** (name, page number: the `@page` margin boxes) is drawn as marked
  content that no element of the structure tree claims: WeasyPrint keeps margin boxes out
  of the tree on purpose (a PDF 1.7 tree may not hold artifacts), which leaves that text
  neither tagged nor an artifact, and PDF/UA asks for one or the other. It becomes a
  pagination artifact, as Word marks its footers.
- **Table headers** carry no `/Scope`: the printed tables' `<th scope="col">` (in the
  header row) and `<th scope="row">` (first cell of a body row) are lost, so a screen
  reader cannot tell which header a cell belongs to. Each `/TH` gets its scope back from
  its place in the table, as the HTML has it.

The file keeps its PDF/A identification, attachment and metadata; its `/ID` is derived from
its content, so the same input still prints the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

PAGINATION = {"/Type": "/Pagination", "/Subtype": "/Footer"}


def repaired(data: bytes) -> bytes:
    """The tagged PDF `data` with its footers as artifacts and its table headers' scopes."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return data
        claimed = set(_claimed(root))
        for page in pdf.pages:
            _footer_as_artifact(pdf, page, claimed)
        for element in _elements(root):
            if element.get("/S") == "/TH":
                _scope(element, pikepdf)
        result = io.BytesIO()
        pdf.save(result, deterministic_id=True)
    return result.getvalue()


def _elements(node: Any, seen: set | None = None) -> Iterator[Any]:
    """Every structure element under `node`, depth first."""
    import pikepdf

    seen = set() if seen is None else seen
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/MCR" and "/S" in kid:
            if kid.objgen in seen and kid.objgen != (0, 0):
                continue
            seen.add(kid.objgen)
            yield kid
            yield from _elements(kid, seen)


def _claimed(root: Any) -> Iterator[tuple[tuple[int, int], int]]:
    """The marked contents the structure tree claims: (page, MCID)."""
    import pikepdf

    def walk(node: Any, page: Any) -> Iterator[tuple[tuple[int, int], int]]:
        page = node.get("/Pg", page)
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary):
                if kid.get("/Type") == "/MCR":
                    yield kid.get("/Pg", page).objgen, int(kid.MCID)
                elif "/S" in kid:
                    yield from walk(kid, page)
            elif page is not None:
                yield page.objgen, int(kid)

    yield from walk(root, None)


def _footer_as_artifact(pdf: Any, page: Any, claimed: set) -> None:
    """The page's marked contents that no structure element claims become artifacts."""
    import pikepdf

    changed = False
    operations: list[Any] = []
    for instruction in pikepdf.parse_content_stream(page):
        operands = instruction.operands
        if str(instruction.operator) == "BDC" and isinstance(operands[1], pikepdf.Dictionary):
            mcid = operands[1].get("/MCID")
            if mcid is not None and (page.objgen, int(mcid)) not in claimed:
                properties = {key: pikepdf.Name(value) for key, value in PAGINATION.items()}
                artifact = [pikepdf.Name("/Artifact"), pikepdf.Dictionary(properties)]
                instruction = pikepdf.ContentStreamInstruction(artifact, instruction.operator)
                changed = True
        operations.append(instruction)
    if changed:
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(operations))


def _scope(header: Any, pikepdf: Any) -> None:
    """`/Column` for a header in the table's header row, `/Row` for one in a body row."""
    row = header.get("/P")
    group = row.get("/P") if row is not None else None
    scope = "/Column" if group is not None and group.get("/S") == "/THead" else "/Row"
    attributes = header.get("/A")
    if isinstance(attributes, pikepdf.Dictionary) and attributes.get("/O") == "/Table":
        attributes.Scope = pikepdf.Name(scope)
        return
    table = pikepdf.Dictionary({"/O": pikepdf.Name("/Table"), "/Scope": pikepdf.Name(scope)})
    if attributes is None:
        header.A = table
    elif isinstance(attributes, pikepdf.Array):
        attributes.append(table)
    else:
        header.A = pikepdf.Array([attributes, table])
