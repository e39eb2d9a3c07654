"""Spreadsheet imports: reading a CSV file into rows, and the report an import answers with.

Pure: the file is read with Python's `csv` module (the delimiter, comma or semicolon, found by
`csv.Sniffer` in the header line), headers are matched ignoring case, spaces, hyphens and
underscores, and each row is then validated by the same models as the single-item API
(services/imports.py). Nothing here knows DynamoDB.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import Field

from titan_training.domain.base import ApiModel
from titan_training.domain.errors import FieldProblem, InvalidInput, TooLarge, UnreadableBody
from titan_training.domain.ids import EntityId

# One API call imports at most this many data rows: 10,000 fit in API Gateway's 29 seconds (docs/benchmarks.md).
MAX_IMPORT_ROWS = 10_000
# Lambda takes a request of at most 6 MB with its envelope: the file itself may have 5 MiB.
MAX_IMPORT_BYTES = 5 * 1024 * 1024
CSV_MEDIA_TYPES = ("text/csv", "application/csv")

# The cell values `active` takes (case ignored); a blank cell keeps the worker as they are (new: active).
TRUE_WORDS = frozenset({"true", "yes", "y", "1"})
FALSE_WORDS = frozenset({"false", "no", "n", "0"})

# A row's reason when a cell is a word `active` does not know.
ACTIVE_WORDS = "must be true or false (or yes/no, 1/0)"

Describe = Callable[[list[dict]], list[tuple[str, str]]]


@dataclass(frozen=True)
class Column:
    """A column an import reads: its field, the header it is documented by, and the other names it may go by."""

    field: str
    header: str
    required: bool = True
    aliases: tuple[str, ...] = ()

    def names(self) -> set[str]:
        return {header_key(name) for name in (self.header, *self.aliases)}


PERSONNEL_COLUMNS = (
    Column("firstName", "first name"),
    Column("lastName", "last name"),
    Column("email", "email", required=False, aliases=("email address", "e-mail")),
    Column("employeeNo", "employee number", aliases=("employee no", "employee id")),
    Column("active", "active", required=False),
)
COMPLIANCE_COLUMNS = (
    Column("employeeNo", "employee number", aliases=("employee no", "employee id")),
    Column("courseCode", "course code"),
    Column("status", "status"),
    Column("expiryDate", "expiry date", required=False, aliases=("expires", "expiry")),
)


@dataclass(frozen=True)
class CsvRow:
    """One data row: its number as a spreadsheet shows it (the header is row 1) and its cells by field."""

    row: int
    cells: dict[str, str]
    problem: str | None = None  # a row the file itself makes unreadable (too many cells)


def header_key(name: str) -> str:
    """A header as columns are matched: case, spaces, hyphens, underscores ignored (`Employee_No` = `employee no`)."""
    return re.sub(r"[\s_\-]+", "", name.casefold())


def body_text(body: str | bytes | None, media_type: str | None) -> str:
    """The request body as text: refuses (400) another media type or bytes that are not UTF-8, and (413) a body
    over MAX_IMPORT_BYTES; drops a leading byte order mark."""
    kind, _, parameters = (media_type or "").partition(";")
    if kind.strip().lower() not in CSV_MEDIA_TYPES:
        raise UnreadableBody(f"Send the file as text/csv (Content-Type was '{kind.strip() or 'missing'}')")
    charset = re.search(r"charset\s*=\s*\"?([\w-]+)", parameters, re.IGNORECASE)
    if charset and charset.group(1).lower() not in ("utf-8", "utf8"):
        raise UnreadableBody(f"The file must be UTF-8 (charset was '{charset.group(1)}')")
    raw = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else (body or b"")
    if len(raw) > MAX_IMPORT_BYTES:
        raise TooLarge(
            f"The file has {len(raw):,} bytes; an import takes at most {MAX_IMPORT_BYTES:,} bytes "
            f"({MAX_IMPORT_BYTES // (1024 * 1024)} MiB) and {MAX_IMPORT_ROWS:,} rows: split it"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadableBody("The file is not UTF-8 text (save the spreadsheet as CSV UTF-8)") from None
    return text.removeprefix("\ufeff")


def _malformed(message: str) -> InvalidInput:
    return InvalidInput([FieldProblem("body", "", message, "csv")])


def delimiter_of(header_line: str) -> str:
    """Comma or semicolon, as `csv.Sniffer` reads the header line (a single column: comma)."""
    try:
        return csv.Sniffer().sniff(header_line, delimiters=",;").delimiter
    except csv.Error:
        return ";" if header_line.count(";") > header_line.count(",") else ","


def read_rows(text: str, columns: tuple[Column, ...]) -> list[CsvRow]:
    """The data rows of a CSV file with a header row naming `columns` (422 when it does not: an empty file,
    an unknown, repeated or missing column, broken quoting; 413 over MAX_IMPORT_ROWS). Blank rows are skipped."""
    if not text.strip():
        raise _malformed("The file is empty: expected a header row (" + ", ".join(c.header for c in columns) + ")")
    if "\x00" in text:
        raise _malformed("The file is not CSV text: it holds NUL bytes (is it a binary spreadsheet? save it as CSV)")
    header_line = text.lstrip("\r\n").splitlines()[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(header_line), strict=True)
    try:
        records = list(reader)
    except csv.Error as failure:
        raise _malformed(f"The file is not valid CSV at line {reader.line_num}: {failure}") from None
    numbered = [(number, record) for number, record in enumerate(records, start=1) if any(c.strip() for c in record)]
    if not numbered:  # only delimiters and spaces
        raise _malformed("The file has no header row: expected " + ", ".join(c.header for c in columns))
    header_row, header = numbered[0]
    fields = _match_header(header, columns)
    data = numbered[1:]
    if len(data) > MAX_IMPORT_ROWS:
        raise TooLarge(f"The file has {len(data):,} data rows; an import takes at most {MAX_IMPORT_ROWS:,}: split it")
    rows = []
    for number, record in data:
        extra = [cell for cell in record[len(fields) :] if cell.strip()]
        cells = {field: (record[i] if i < len(record) else "") for i, field in enumerate(fields) if field}
        problem = f"has {len(record)} cells; the header has {len(fields)}" if extra else None
        rows.append(CsvRow(number - header_row + 1, cells, problem))
    return rows


def _match_header(header: list[str], columns: tuple[Column, ...]) -> list[str]:
    by_name = {name: column for column in columns for name in column.names()}
    fields: list[str] = []
    unknown: list[str] = []
    for name in header:
        column = by_name.get(header_key(name))
        if column is None and name.strip():
            unknown.append(name.strip())
        fields.append(column.field if column else "")
    expected = ", ".join(column.header for column in columns)
    if unknown:
        raise _malformed(f"Unknown column(s): {', '.join(unknown)}; the columns are: {expected}")
    repeated = sorted({field for field in fields if field and fields.count(field) > 1})
    if repeated:
        labels = [column.header for column in columns if column.field in repeated]
        raise _malformed(f"Column(s) given twice: {', '.join(labels)}")
    missing = [column.header for column in columns if column.required and column.field not in fields]
    if missing:
        raise _malformed(f"Missing column(s): {', '.join(missing)}; the columns are: {expected}")
    return fields


def flag_cell(text: str) -> bool | None:
    """An `active` cell: True, False, None for a blank cell; ValueError for another word."""
    word = text.strip().casefold()
    if not word:
        return None
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(ACTIVE_WORDS)


def reason_of(problems: list[tuple[str, str]], columns: tuple[Column, ...]) -> str:
    """A refused row's reason from the API's (field, message) pairs, each field named by its column header."""
    headers = {column.field: column.header for column in columns}
    return "; ".join(f"{headers.get(field, field)}: {message}" for field, message in problems)


# --- The report -------------------------------------------------------------------------------------


class ImportedRow(ApiModel):
    row: int = Field(description="The row's number as a spreadsheet shows it: the header is row 1.")
    employee_no: str
    personnel_id: EntityId | None = Field(
        default=None, description="The worker's id (null for a worker a dry run would create)."
    )
    course_code: str | None = Field(default=None, description="Compliance imports: the course's code.")
    course_id: EntityId | None = Field(default=None, description="Compliance imports: the course's id.")
    fields: list[str] = Field(default_factory=list, description="`changed` only: the fields that change.")


class RefusedRow(ApiModel):
    row: int = Field(description="The row's number as a spreadsheet shows it: the header is row 1.")
    reason: str


class ImportReport(ApiModel):
    dry_run: bool = Field(description="True: nothing was written; the lists say what an import would do.")
    rows: int = Field(description="Data rows read (blank rows are skipped).")
    created: list[ImportedRow]
    changed: list[ImportedRow]
    unchanged: int = Field(description="Rows that match what is stored already: nothing to write.")
    refused: list[RefusedRow] = Field(description="Rows not imported, with the reason; the others are imported.")
