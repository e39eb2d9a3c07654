"""Spreadsheet imports on DynamoDB Local: a retried call (at the same moment, or after one that stopped
half-way) creates each worker once, with the same items the single create writes."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from local.request_count import DynamoDBRequests
from tests.support import ApiClient, Reply, suffix
from titan_training.api import runtime
from titan_training.store.items.personnel import PersonnelItem, PersonnelSearchItem
from titan_training.store.items.unique import UniqueValueItem
from titan_training.store.personnel import personnel_view, search_items

pytestmark = pytest.mark.dynamodb_local

CSV = {"Content-Type": "text/csv"}


def post_csv(api: ApiClient, kind: str, text: str, dry_run: bool = False) -> Reply:
    query = {"dryRun": "true"} if dry_run else None
    return api.call("POST", f"/imports/{kind}", body=text, query=query, headers=CSV)


def people_file(tag: str, count: int) -> str:
    rows = [f"Worker{n},Imported{tag},w{n}.{tag}@example.com,I{tag}-{n:04d},yes" for n in range(count)]
    return "\n".join(["first name,last name,email,employee number,active", *rows]) + "\n"


def stored_people(tag: str) -> dict[str, PersonnelItem]:
    return {item.employee_no: item for item in PersonnelItem.by_list.query("PERSONNEL") if tag in item.last_name}


def assert_stored_as_the_single_create_stores(person: PersonnelItem) -> None:
    """The worker's search entries are exactly the words create_personnel writes, and their number is claimed."""
    view = personnel_view(person)
    entries = {entry.sk for entry in PersonnelSearchItem.query(person.pk, PersonnelSearchItem.sk.startswith("SEARCH#"))}
    assert entries == {entry.sk for entry in search_items(view)}
    claim = UniqueValueItem.get(*UniqueValueItem.key("EMPLOYEE_NO", person.employee_no), consistent_read=True)
    assert claim.owner_id == person.id


def test_the_same_import_sent_twice_at_once_creates_each_worker_once(local_api):
    # Given a file of 150 new workers
    tag = suffix()
    text = people_file(tag, 150)
    # When it is sent twice at the same moment (a client retrying a call it thinks timed out)
    with ThreadPoolExecutor(2) as pool:
        replies = list(pool.map(lambda _: post_csv(local_api, "personnel", text), range(2)))
    # Then both answer, and every worker exists once, with their claim and search entries
    assert [reply.status for reply in replies] == [200, 200], [reply.body for reply in replies]
    people = stored_people(tag)
    assert len(people) == 150
    for person in people.values():
        assert_stored_as_the_single_create_stores(person)
    # And wherever an answer names a worker's id, it is the stored worker's
    for reply in replies:
        for row in reply.body["created"]:
            assert row["personnelId"] == people[row["employeeNo"]].id
        for row in reply.body["refused"]:
            assert "already in use" in row["reason"]
    # And a third import finds nothing to do
    again = post_csv(local_api, "personnel", text)
    assert (again.body["created"], again.body["changed"], again.body["unchanged"]) == ([], [], 150)


def test_an_import_that_stopped_after_claiming_is_completed_by_the_retry(local_api):
    # Given a worker's employee number claimed by an import that stopped before writing the worker
    tag = suffix()
    text = people_file(tag, 3)
    runtime.store()
    UniqueValueItem(*UniqueValueItem.key("EMPLOYEE_NO", f"I{tag}-0001"), owner_id="cstoppedimport000000001").save()
    # When the file is imported again
    reply = post_csv(local_api, "personnel", text)
    # Then that worker is created under the claim's id, and the others as new workers
    assert reply.status == 200, reply.body
    people = stored_people(tag)
    assert people[f"I{tag}-0001"].id == "cstoppedimport000000001"
    assert len(people) == 3 and reply.body["refused"] == []
    for person in people.values():
        assert_stored_as_the_single_create_stores(person)


def test_an_import_writes_in_batches_and_a_repeat_only_reads(local_api):
    # Given 250 new workers in a file, previewed first
    tag = suffix()
    text = people_file(tag, 250)
    requests = DynamoDBRequests()
    with requests.counting():
        preview = post_csv(local_api, "personnel", text, dry_run=True)
    # Then the preview read the claims 100 a request, and wrote nothing
    assert len(preview.body["created"]) == 250 and requests.count == 3
    # When it is imported: claims in transactions of 100, items 25 a request, one revision bump
    with requests.counting():
        first = post_csv(local_api, "personnel", text)
    items = sum(1 + len(search_items(personnel_view(person))) for person in stored_people(tag).values())
    assert len(first.body["created"]) == 250
    assert requests.count == 3 + 3 + -(-items // 25) + 1
    # And a repeat reads the claims and the workers (100 a request) and writes nothing
    with requests.counting():
        again = post_csv(local_api, "personnel", text)
    assert again.body["unchanged"] == 250 and requests.count == 3 + 3
