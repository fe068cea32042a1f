"""ASYCUDA World SAD XML exports: one record per <Item>, parsed with defusedxml (no DTD, no entities)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final
from xml.sax import SAXParseException
from xml.sax.expatreader import ExpatLocator
from xml.sax.handler import ContentHandler

import defusedxml.sax
import polars as pl
from defusedxml import DefusedXmlException

from greencustoms.engine._input import ReaderState
from greencustoms.engine.columns import ERROR_SCHEMA, INPUT_COLUMNS, LINE
from greencustoms.engine.errors import MalformedInputError

_READ_BYTES: Final = 4 * 1024 * 1024
# paths relative to <Item>
_ITEM_FIELDS: Final = {
    ("Tarification", "HScode", "Commodity_code"): "commodity",
    ("Tarification", "HScode", "Precision_1"): "precision",
    ("Goods_description", "Description_of_goods"): "description",
    ("Goods_description", "Commercial_Description"): "commercial",
    ("Goods_description", "Country_of_origin_code"): "origin",
    ("Tarification", "Supplementary_unit", "Suppplementary_unit_quantity"): "quantity",
    ("Tarification", "Supplementary_unit", "Suppplementary_unit_code"): "unit",
    ("Tarification", "Item_price"): "value",
}
# paths relative to the declaration (<ASYCUDA>)
_DECLARATION_FIELDS: Final = {
    ("Identification", "Office_segment", "Customs_clearance_office_code"): "office",
    ("Identification", "Registration", "Serial_number"): "serial",
    ("Identification", "Registration", "Number"): "number",
    ("Identification", "Registration", "Date"): "date",
    ("Declarant", "Reference", "Number"): "reference",
    ("General_information", "Country", "Export", "Export_country_code"): "export_country",
    ("General_information", "Country", "Destination", "Destination_country_code"): "destination",
}


class _SadHandler(ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.path: list[str] = []
        self.text: list[str] = []
        self.declaration: dict[str, str] = {}
        self.items: list[tuple[int, dict[str, str]]] = []
        self.item: dict[str, str] | None = None
        self.item_line = 0
        self.item_depth = 0
        self.declaration_depth = -1
        self.declarations = 0
        self.records: list[list[str | None]] = []
        self.locator: Any = None

    def setDocumentLocator(self, locator: Any) -> None:  # noqa: N802 - SAX API name
        self.locator = locator

    def startElement(self, name: str, attrs: Any) -> None:  # noqa: N802 - SAX API name
        self.path.append(name)
        self.text = []
        if name == "ASYCUDA":
            self.declaration_depth = len(self.path)
            self.declaration = {}
            self.items = []
            self.declarations += 1
        elif name == "Item" and self.item is None:
            self.item = {}
            self.item_depth = len(self.path)
            self.item_line = self.locator.getLineNumber() if self.locator else 0

    def characters(self, content: str) -> None:
        self.text.append(content)

    def endElement(self, name: str) -> None:  # noqa: N802 - SAX API name
        text = "".join(self.text).strip()
        self.text = []
        if self.item is not None and len(self.path) > self.item_depth:
            key = _ITEM_FIELDS.get(tuple(self.path[self.item_depth :]))
            if key and text and key not in self.item:
                self.item[key] = text
        elif self.declaration_depth > 0 and len(self.path) > self.declaration_depth:
            key = _DECLARATION_FIELDS.get(tuple(self.path[self.declaration_depth :]))
            if key and text and key not in self.declaration:
                self.declaration[key] = text
        if name == "Item" and self.item is not None and len(self.path) == self.item_depth:
            self.items.append((self.item_line, self.item))
            self.item = None
        if name == "ASYCUDA" and len(self.path) == self.declaration_depth:
            self._flush_declaration()
            self.declaration_depth = -1
        self.path.pop()

    def _flush_declaration(self) -> None:
        d = self.declaration
        parts = [d.get(k, "") for k in ("office", "serial", "number", "date")]
        ident = " ".join(p for p in parts if p) or d.get("reference") or f"declaration {self.declarations}"
        for number, (line, item) in enumerate(self.items, start=1):
            code = item.get("commodity", "") + item.get("precision", "")
            description = " ".join(v for v in (item.get("description"), item.get("commercial")) if v)
            values = {
                "declaration_id": ident,
                "line_no": str(number),
                "hs_code": code,
                "description": description,
                "origin": item.get("origin") or d.get("export_country"),
                "destination": d.get("destination"),
                "quantity": item.get("quantity"),
                "unit": item.get("unit"),
                "value": item.get("value"),
                "date": d.get("date"),
            }
            self.records.append([*(values[n] for n in INPUT_COLUMNS), str(line)])
        self.items = []


def _frame(rows: list[list[str | None]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=[*INPUT_COLUMNS, LINE], orient="row").with_columns(
        pl.col(LINE).cast(pl.Int64)
    )


def sad_frames(reader: ReaderState) -> Iterator[tuple[pl.DataFrame, pl.DataFrame]]:
    """Stream the items of every <ASYCUDA> declaration in the file."""
    handler = _SadHandler()
    parser = defusedxml.sax.make_parser()
    parser.setContentHandler(handler)
    handler.setDocumentLocator(ExpatLocator(parser))  # parse() would set it; feed() does not
    reader.stats.encoding = "xml"
    no_errors = pl.DataFrame(schema=ERROR_SCHEMA)
    name = reader.path.name
    with reader.path.open("rb") as fh:
        while True:
            data = fh.read(_READ_BYTES)
            reader.stats.bytes_read += len(data)
            try:
                if data:
                    parser.feed(data)
                else:
                    parser.close()
            except SAXParseException as exc:
                raise MalformedInputError(
                    f"{name}: line {exc.getLineNumber()}: not well-formed XML ({exc.getMessage()})"
                ) from exc
            except DefusedXmlException as exc:
                raise MalformedInputError(
                    f"{name}: refused: DTDs and entities are not allowed ({exc})"
                ) from exc
            reader.stats.physical_lines = handler.locator.getLineNumber() if handler.locator else 0
            if len(handler.records) >= reader.batch_size or (not data and handler.records):
                rows, handler.records = handler.records, []
                yield _frame(rows), no_errors
            if not data:
                break
    if handler.declarations == 0:
        raise MalformedInputError(f"{name}: no <ASYCUDA> declaration found (is this a SAD XML export?)")
