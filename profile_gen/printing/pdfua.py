"""What WeasyPrint's tagged PDFs lack for PDF/UA-1, added after printing (pikepdf).

- **The running footer** (name, page number: the `@page` margin boxes) is drawn as marked
  content that no element of the structure tree claims: WeasyPrint keeps margin boxes out
  of the tree on purpose (a PDF 1.7 tree may not hold artifacts), which leaves that text
  neither tagged nor an artifact, and PDF/UA asks for one or the other. It becomes a
  pagination artifact, as Word marks its footers, and the parent tree no longer points
  from it to WeasyPrint's detached elements.
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

PAGINATION = {"/Type": "/Pagination"}
"""What the margin boxes hold: running headers and footers (name, page number)."""


def repaired(data: bytes) -> bytes:
    """The tagged PDF `data` with its footers as artifacts and its table headers' scopes."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return data
        claimed = set(_claimed(root))
        parents = _parent_tree(root)
        for page in pdf.pages:
            released = _footer_as_artifact(pdf, page, claimed)
            slots = parents.get(int(page.get("/StructParents", -1)))
            for mcid in released:  # no element left claiming an artifact
                if slots is not None and mcid < len(slots):
                    slots[mcid] = None
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


def _parent_tree(root: Any) -> dict[int, Any]:
    """The parent tree's arrays (the element of each marked content), by page key."""
    found, stack = {}, [root.get("/ParentTree")]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        numbers = list(node.get("/Nums", []))
        found.update({int(numbers[i]): numbers[i + 1] for i in range(0, len(numbers) - 1, 2)})
        stack.extend(node.get("/Kids", []))
    return found


def _footer_as_artifact(pdf: Any, page: Any, claimed: set) -> list[int]:
    """The page's marked contents that no structure element claims become artifacts (in
    WeasyPrint's PDFs, those of the page's margin boxes); return their former MCIDs."""
    import pikepdf

    released: list[int] = []
    operations: list[Any] = []
    for instruction in pikepdf.parse_content_stream(page):
        operands = instruction.operands
        if str(instruction.operator) == "BDC" and isinstance(operands[1], pikepdf.Dictionary):
            mcid = operands[1].get("/MCID")
            if mcid is not None and (page.objgen, int(mcid)) not in claimed:
                properties = {key: pikepdf.Name(value) for key, value in PAGINATION.items()}
                artifact = [pikepdf.Name("/Artifact"), pikepdf.Dictionary(properties)]
                instruction = pikepdf.ContentStreamInstruction(artifact, instruction.operator)
                released.append(int(mcid))
        operations.append(instruction)
    if released:
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(operations))
    return released


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
