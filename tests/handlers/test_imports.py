"""Spreadsheet imports through their Lambda handlers (moto): personnel and compliance from CSV files."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from local.events import api_gateway_event
from local.gateway import LambdaContext
from tests.support import ADMIN, BASE, TRAINER, ApiClient, Reply, suffix
from titan_training.api import runtime
from titan_training.domain.imports import MAX_IMPORT_BYTES, MAX_IMPORT_ROWS
from titan_training.store.items.base import TableItem
from titan_training.store.items.courses import CourseItem
from titan_training.store.items.personnel import DirectoryItem

CSV = {"Content-Type": "text/csv"}


def post_csv(api: ApiClient, kind: str, text: str, dry_run: bool = False, **options: Any) -> Reply:
    query = {"dryRun": "true"} if dry_run else None
    headers = options.pop("headers", CSV)
    return api.call("POST", f"/imports/{kind}", body=text, query=query, headers=headers, **options)


def table_items() -> list[dict[str, Any]]:
    """Every item of the table, sorted by key: to compare before and after."""
    client = TableItem._get_connection().connection.client
    items, start = [], None
    while True:
        page = client.scan(TableName=runtime.settings().table_name, **({"ExclusiveStartKey": start} if start else {}))
        items += page["Items"]
        start = page.get("LastEvaluatedKey")
        if not start:
            return sorted(items, key=lambda item: (item["PK"]["S"], item["SK"]["S"]))


def directory_revision() -> int:
    try:
        return int(DirectoryItem.get(*DirectoryItem.key()).revision)
    except DirectoryItem.DoesNotExist:
        return 0


def people_csv(rows: list[tuple[str, ...]], delimiter: str = ",", header: str | None = None) -> str:
    header = header or delimiter.join(["first name", "last name", "email", "employee number", "active"])
    return "\n".join([header, *(delimiter.join(row) for row in rows)]) + "\n"


def searched(api: ApiClient, text: str) -> list[str]:
    reply = api.get("/personnel", {"search": text})
    assert reply.status == 200, reply.body
    return [item["employeeNo"] for item in reply.body["items"]]


@pytest.mark.parametrize(
    ("bom", "delimiter", "header"),
    [
        ("", ",", None),
        ("\ufeff", ",", None),
        ("", ";", None),
        ("\ufeff", ";", "First Name;LAST_NAME;E-mail;Employee_Number;Active"),
        ("", ",", "firstname,Last Name ,EMAIL,employee number,ACTIVE"),
    ],
    ids=["comma", "bom-comma", "semicolon", "bom-semicolon-cased", "comma-cased"],
)
def test_personnel_are_read_with_or_without_bom_by_comma_or_semicolon_and_any_header_case(api, bom, delimiter, header):
    # Given a file of two workers, as a spreadsheet saves it in one of its ways
    tag = suffix()
    rows = [("Ana", f"Silva{tag}", "ana@example.com", f"A-{tag}", "yes"), ("Bo", f"Berg{tag}", "", f"B-{tag}", "")]
    text = bom + people_csv(rows, delimiter, header)
    # When it is imported
    reply = post_csv(api, "personnel", text)
    # Then both are created, named by row and employee number, and found by search
    assert reply.status == 200, reply.body
    assert [(row["row"], row["employeeNo"]) for row in reply.body["created"]] == [(2, f"A-{tag}"), (3, f"B-{tag}")]
    assert reply.body["refused"] == [] and reply.body["rows"] == 2
    assert searched(api, f"silva{tag}") == [f"A-{tag}"]
    stored = api.get(f"/personnel/{reply.body['created'][1]['personnelId']}").body
    assert (stored["firstName"], stored["email"], stored["active"]) == ("Bo", None, True)


def test_a_dry_run_writes_nothing_and_says_what_an_import_would_do(api):
    # Given a stored worker, and a file that changes them, adds one and has a bad row
    tag = suffix()
    known = api.person(firstName="Kim", lastName=f"Old{tag}", employeeNo=f"K-{tag}")
    text = people_csv(
        [
            ("Kim", f"New{tag}", "", f"K-{tag}", ""),
            ("Lee", f"Park{tag}", "", f"L-{tag}", "true"),
            ("Max", f"Bad{tag}", "not-an-email", f"M-{tag}", ""),
        ]
    )
    before = table_items()
    # When it is imported with dryRun=true
    reply = post_csv(api, "personnel", text, dry_run=True)
    # Then the answer lists what would happen, and the table is exactly as it was
    assert reply.status == 200, reply.body
    body = reply.body
    assert body["dryRun"] is True
    assert [(r["row"], r["employeeNo"], r["personnelId"]) for r in body["created"]] == [(3, f"L-{tag}", None)]
    assert [(r["row"], r["personnelId"], r["fields"]) for r in body["changed"]] == [(2, known["id"], ["lastName"])]
    assert body["refused"] == [{"row": 4, "reason": "email: must be an email address"}]
    assert table_items() == before


def test_an_import_applies_the_valid_rows_and_importing_it_again_changes_nothing(api):
    # Given a stored worker and a file that renames them and adds two
    tag = suffix()
    known = api.person(firstName="Kim", lastName=f"Old{tag}", employeeNo=f"K-{tag}", email="kim@example.com")
    text = people_csv(
        [
            ("Kim", f"New{tag}", "kim@example.com", f"k-{tag}", "no"),
            ("Lee", f"Park{tag}", "lee@example.com", f"L-{tag}", "true"),
            ("Mo", f"Reed{tag}", "", f"M-{tag}", ""),
        ]
    )
    revision = directory_revision()
    # When it is imported
    first = post_csv(api, "personnel", text)
    # Then the rename and the new workers are written, the directory revision moved on once
    assert first.status == 200, first.body
    assert [r["employeeNo"] for r in first.body["created"]] == [f"L-{tag}", f"M-{tag}"]
    assert [(r["personnelId"], r["fields"]) for r in first.body["changed"]] == [
        (known["id"], ["lastName", "employeeNo", "active"])
    ]
    assert directory_revision() == revision + 1
    assert searched(api, f"new{tag}") == [f"k-{tag}"] and searched(api, f"old{tag}") == []
    assert api.get(f"/personnel/{known['id']}").body["active"] is False
    # And the same file again changes nothing at all
    after_first = table_items()
    again = post_csv(api, "personnel", text)
    assert again.status == 200, again.body
    assert (again.body["created"], again.body["changed"], again.body["refused"]) == ([], [], [])
    assert again.body["unchanged"] == 3
    assert table_items() == after_first


def test_an_imported_worker_is_stored_as_the_single_create_stores_one(api):
    # Given one worker created through POST /personnel and one through an import, alike but for their number
    tag = suffix()
    single = api.person(firstName="Ann", lastName=f"Same{tag}", employeeNo=f"S-{tag}", email="ann@example.com")
    reply = post_csv(api, "personnel", people_csv([("Ann", f"Same{tag}", "ann@example.com", f"T-{tag}", "")]))
    imported = reply.body["created"][0]["personnelId"]

    def shape(personnel_id: str, number: str) -> list[tuple[str, str]]:
        keys = [(i["PK"]["S"], i["SK"]["S"]) for i in table_items()]
        mine = [(pk.replace(personnel_id, "ID"), sk.replace(number.lower(), "NO")) for pk, sk in keys]
        return sorted(k for k in mine if "ID" in k[0] or k[0].endswith("#NO") or "NO" in k[1])

    # Then both have the same items: the worker, a search entry per word, the employee-number claim
    assert shape(single["id"], f"S-{tag}") == shape(imported, f"T-{tag}")
    assert searched(api, f"same{tag}") == [f"S-{tag}", f"T-{tag}"]


def test_refused_personnel_rows_give_their_row_and_the_single_apis_reason(api):
    # Given a worker stored with a number, and a file with a bad email, a repeated number, a bad flag, a blank name
    tag = suffix()
    text = people_csv(
        [
            ("Ok", f"One{tag}", "", f"O-{tag}", ""),
            ("Bad", f"Mail{tag}", "nope@", f"P-{tag}", ""),
            ("Twice", f"Dup{tag}", "", f"o-{tag}", ""),
            ("Flag", f"Bad{tag}", "", f"F-{tag}", "maybe"),
            ("", f"Blank{tag}", "", f"N-{tag}", ""),
        ]
    )
    # When it is imported
    reply = post_csv(api, "personnel", text)
    # Then the good row is created and each other row is refused with its row number and why
    assert reply.status == 200, reply.body
    assert [r["row"] for r in reply.body["created"]] == [2]
    assert reply.body["refused"] == [
        {"row": 3, "reason": "email: must be an email address"},
        {"row": 4, "reason": "employee number is also on row 2: a file may list it once"},
        {"row": 5, "reason": "active: must be true or false (or yes/no, 1/0)"},
        {"row": 6, "reason": "first name: String should have at least 1 character"},
    ]


def test_a_number_differing_only_in_case_matches_the_same_worker(api):
    # Given a stored worker, and a file naming their number in lower case (claims compare ignoring case)
    tag = suffix()
    api.person(firstName="Cas", lastName=f"Case{tag}", employeeNo=f"C-{tag}")
    reply = post_csv(api, "personnel", people_csv([("Cas", f"Case{tag}", "", f"c-{tag}", "")]))
    # Then the case change is an edit of the same worker, not a second one
    assert reply.status == 200, reply.body
    assert [r["fields"] for r in reply.body["changed"]] == [["employeeNo"]] and reply.body["created"] == []


def compliance_csv(rows: list[tuple[str, ...]], delimiter: str = ",") -> str:
    header = delimiter.join(["employee number", "course code", "status", "expiry date"])
    return "\n".join([header, *(delimiter.join(row) for row in rows)]) + "\n"


def compliance_revision(course_id: str) -> int:
    return int(CourseItem.get(*CourseItem.key(course_id)).compliance_revision)


def test_compliance_items_are_imported_and_importing_again_changes_nothing(api):
    # Given two workers, two courses, and an item already put for one of them
    ana, bo = api.person(), api.person()
    first_aid, forklift = api.course(), api.course()
    put = {"status": "PENDING"}
    assert api.put(f"/personnel/{ana['id']}/compliance/{first_aid['id']}", put).status == 200
    revisions = compliance_revision(first_aid["id"]), compliance_revision(forklift["id"])
    text = compliance_csv(
        [
            (ana["employeeNo"], first_aid["code"], "COMPLIANT", "2099-01-31"),
            (bo["employeeNo"].lower(), first_aid["code"], "pending", ""),
            (bo["employeeNo"], forklift["code"].lower(), "NON_COMPLIANT", ""),
        ],
        ";",
    )
    # When the file is imported
    reply = post_csv(api, "compliance", "\ufeff" + text)
    # Then one item changes, two are created, each course's revision moves on once
    assert reply.status == 200, reply.body
    assert [(r["row"], r["personnelId"], r["courseId"], r["fields"]) for r in reply.body["changed"]] == [
        (2, ana["id"], first_aid["id"], ["status", "expiryDate"])
    ]
    assert [(r["row"], r["courseCode"]) for r in reply.body["created"]] == [
        (3, first_aid["code"]),
        (4, forklift["code"].lower()),
    ]
    assert (compliance_revision(first_aid["id"]), compliance_revision(forklift["id"])) == (
        revisions[0] + 1,
        revisions[1] + 1,
    )
    items = api.get(f"/personnel/{ana['id']}/compliance").body["items"]
    assert [(i["status"], i["expiryDate"]) for i in items] == [("COMPLIANT", "2099-01-31")]
    # And importing it again changes nothing
    before = table_items()
    again = post_csv(api, "compliance", text)
    assert (again.body["created"], again.body["changed"], again.body["unchanged"]) == ([], [], 3)
    assert table_items() == before


def test_refused_compliance_rows_give_their_row_and_reason(api):
    # Given a worker and a course, and a file with an unknown course, a bad status, a bad date, an unknown worker
    person, course = api.person(), api.course()
    number, code = person["employeeNo"], course["code"]
    text = compliance_csv(
        [
            (number, "NO-SUCH-COURSE", "COMPLIANT", ""),
            (number, code, "GREEN", ""),
            (number, code, "COMPLIANT", "31/12/2027"),
            ("NOBODY-" + suffix(), code, "COMPLIANT", ""),
            (number, code, "COMPLIANT", "2027-12-31"),
            (number.lower(), code, "PENDING", ""),
            ("", code, "PENDING", ""),
        ]
    )
    before = table_items()
    # When it is previewed
    reply = post_csv(api, "compliance", text, dry_run=True)
    # Then only the fifth row would be created, and every other is refused saying why
    assert reply.status == 200, reply.body
    assert [r["row"] for r in reply.body["created"]] == [6]
    reasons = {r["row"]: r["reason"] for r in reply.body["refused"]}
    assert reasons[2] == "course code: no course has code 'NO-SUCH-COURSE'"
    assert reasons[3].startswith("status: ") and "COMPLIANT" in reasons[3]
    assert reasons[4].startswith("expiry date: ")
    assert reasons[5].startswith("employee number: no worker has employee number 'NOBODY-")
    assert reasons[7] == "this employee number and course code is also on row 6: a file may list it once"
    assert reasons[8] == "employee number: is required"
    assert table_items() == before


def test_more_than_10000_rows_are_refused_with_the_limit(api):
    # Given a file of 10,001 data rows
    rows = [("A", "B", "", f"R-{n}", "") for n in range(MAX_IMPORT_ROWS + 1)]
    # When it is previewed or imported
    for dry_run in (True, False):
        reply = post_csv(api, "personnel", people_csv(rows), dry_run=dry_run)
        # Then it is a 413 whose message says the limit, and nothing was read further
        assert reply.status == 413, reply.body
        assert "at most 10,000" in reply.body["message"] and "10,001" in reply.body["message"]


def test_a_body_over_the_byte_limit_is_refused_with_the_limit(api):
    text = people_csv([("A" * 150, "B" * 150, "", f"R-{n}", "") for n in range(MAX_IMPORT_BYTES // 300)])
    reply = post_csv(api, "personnel", text)
    assert reply.status == 413 and f"{MAX_IMPORT_BYTES:,} bytes" in reply.body["message"], reply.body


@pytest.mark.parametrize(
    ("body", "headers", "status", "words"),
    [
        ("", CSV, 422, "empty"),
        ("  \n\n", CSV, 422, "empty"),
        ("first name,last name,email\nA,B,c@d.ef\n", CSV, 422, "Missing column(s): employee number"),
        ("first name,last name,employee number,shoe size\n", CSV, 422, "Unknown column(s): shoe size"),
        ("Ana,Silva,E-1\nBo,Berg,E-2\n", CSV, 422, "Unknown column(s): Ana, Silva, E-1"),
        ("first name,first_name,last name,employee number\n", CSV, 422, "given twice: first name"),
        ('first name,last name,employee number\n"A"x,B,C\n', CSV, 422, "not valid CSV"),
        ("PK\x03\x04\x00\x00garbage", CSV, 422, "NUL"),
        ("first name,last name,employee number\n", {"Content-Type": "application/json"}, 400, "text/csv"),
        ("first name,last name,employee number\n", {"Content-Type": "text/csv; charset=latin-1"}, 400, "UTF-8"),
    ],
    ids=["empty", "blank", "missing", "unknown", "no-header", "twice", "quoting", "binary", "json", "latin-1"],
)
def test_malformed_csv_is_a_4xx_with_a_json_message(api, body, headers, status, words):
    reply = post_csv(api, "personnel", body, headers=headers)
    assert reply.status == status, reply.body
    assert reply.body["statusCode"] == status and words in reply.body["message"], reply.body


def test_bytes_that_are_not_utf8_are_a_400(api):
    # Given a Latin-1 file, which API Gateway hands over base64-encoded as binary
    latin = "first name,last name,employee number\nJos\u00e9,N\u00fa\u00f1ez,E-1\n".encode("latin-1")
    event = api_gateway_event("POST", f"{BASE}/imports/personnel", None, None, None, None, CSV, ADMIN)
    event.update(body=base64.b64encode(latin).decode(), isBase64Encoded=True)
    route = next(route for route in api.gateway.routes if route.path == f"{BASE}/imports/personnel")
    # When the function reads it
    with api.gateway.environments.handler(route) as handler:
        response = handler(event, LambdaContext(function_name=route.function))
    # Then it is a 400 saying the file must be UTF-8
    assert response["statusCode"] == 400 and "UTF-8" in json.loads(response["body"])["message"], response


@pytest.mark.parametrize("kind", ["personnel", "compliance"])
def test_a_trainer_may_not_import(api, kind):
    reply = post_csv(api, kind, "employee number\n", caller=TRAINER)
    assert reply.status == 403, reply.body
