"""The CSV reading of spreadsheet imports: pure, no table."""

from __future__ import annotations

import pytest

from titan_training.domain.errors import InvalidInput, TooLarge, UnreadableBody
from titan_training.domain.imports import (
    COMPLIANCE_COLUMNS,
    MAX_IMPORT_ROWS,
    PERSONNEL_COLUMNS,
    body_text,
    delimiter_of,
    flag_cell,
    header_key,
    read_rows,
)


def test_headers_match_ignoring_case_spaces_hyphens_and_underscores():
    assert {header_key(name) for name in ("Employee Number", "employee_number", " EMPLOYEE-NUMBER ")} == {
        "employeenumber"
    }


def test_the_delimiter_is_read_from_the_header_line():
    assert delimiter_of("first name;last name;employee number") == ";"
    assert delimiter_of("first name,last name,employee number") == ","
    assert delimiter_of("employee number") == ","  # one column: nothing to tell, comma


def test_rows_are_numbered_as_a_spreadsheet_shows_them_and_blank_rows_are_skipped():
    # Given a file with a quoted cell holding a new line and the delimiter, and a blank row
    text = 'employee number;course code;status\n"E-1";"A;B\nC";COMPLIANT\n\n E-2 ;X;PENDING\n'
    rows = read_rows(text, COMPLIANCE_COLUMNS)
    # Then each record is one row (the header is row 1), the blank row counts but is not returned
    assert [(row.row, row.cells["employeeNo"], row.cells["courseCode"]) for row in rows] == [
        (2, "E-1", "A;B\nC"),
        (4, " E-2 ", "X"),
    ]


def test_a_row_with_more_cells_than_the_header_is_refused_but_trailing_blank_cells_are_not():
    rows = read_rows("first name,last name,employee number\nA,B,C,,\nA,B,C,D\n", PERSONNEL_COLUMNS)
    assert [row.problem for row in rows] == [None, "has 4 cells; the header has 3"]


@pytest.mark.parametrize("text", ["", " \n", ",,,\n;;\n"])
def test_a_file_without_a_header_is_a_422(text):
    with pytest.raises(InvalidInput):
        read_rows(text, PERSONNEL_COLUMNS)


def test_limits_and_media_type():
    with pytest.raises(TooLarge, match="at most 10,000"):
        read_rows("employee number\n" + "E\n" * (MAX_IMPORT_ROWS + 1), COMPLIANCE_COLUMNS[:1])
    with pytest.raises(UnreadableBody):
        body_text("a", "application/json")
    with pytest.raises(UnreadableBody):
        body_text("a".encode("utf-16"), "text/csv")
    assert body_text("\ufeffa,b", "text/csv; charset=utf-8") == "a,b"


def test_active_cells():
    assert [flag_cell(text) for text in ("Yes", " true ", "1", "N", "false", "0", "")] == [
        True,
        True,
        True,
        False,
        False,
        False,
        None,
    ]
    with pytest.raises(ValueError):
        flag_cell("maybe")
