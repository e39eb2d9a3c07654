"""The table's shape: its key, its indexes, the base of every item, and the one binding to the table.

Key and index attribute names must match template.yaml (tests/unit/test_infrastructure.py checks them).
Each entity's id lives in its partition key (`COURSE#<id>`), and its sort key says what the item is.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

from pynamodb.attributes import UnicodeAttribute
from pynamodb.connection import Connection, TableConnection
from pynamodb.connection.base import MetaTable
from pynamodb.exceptions import TableError
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

LIST_INDEX = "ListIndex"
COURSE_INDEX = "CourseIndex"
TRAINER_WEEK_INDEX = "TrainerWeekIndex"
TRAINER_INDEX = "TrainerIndex"
VENUE_INDEX = "VenueIndex"
STATUS_INDEX = "StatusIndex"
SERIES_INDEX = "SeriesIndex"

# Joins the parts of a sort key: below every character a name may hold (names refuse control
# characters), so "First Aid" sorts before "First Aid Advanced" and a last name decides first.
SORT_SEPARATOR = "\x01"


class ListIndex(GlobalSecondaryIndex):
    """Collections in display order: every course, person, trainer or venue, sorted by name."""

    class Meta:
        index_name = LIST_INDEX
        projection = AllProjection()

    list_pk = UnicodeAttribute(hash_key=True, attr_name="ListPK")
    list_sk = UnicodeAttribute(range_key=True, attr_name="ListSK")


class CourseIndex(GlobalSecondaryIndex):
    """Everything that belongs to a course: compliance items and qualified trainers."""

    class Meta:
        index_name = COURSE_INDEX
        projection = AllProjection()

    course_pk = UnicodeAttribute(hash_key=True, attr_name="CoursePK")
    course_sk = UnicodeAttribute(range_key=True, attr_name="CourseSK")


class TrainerWeekIndex(GlobalSecondaryIndex):
    """A trainer's SCHEDULED sessions in one ISO week (sparse: only SCHEDULED sessions carry the keys)."""

    class Meta:
        index_name = TRAINER_WEEK_INDEX
        projection = AllProjection()

    trainer_week_pk = UnicodeAttribute(hash_key=True, attr_name="TrainerWeekPK")
    trainer_week_sk = UnicodeAttribute(range_key=True, attr_name="TrainerWeekSK")


class TrainerIndex(GlobalSecondaryIndex):
    """What belongs to a trainer, by start: their sessions (every status but deleted)."""

    class Meta:
        index_name = TRAINER_INDEX
        projection = AllProjection()

    trainer_pk = UnicodeAttribute(hash_key=True, attr_name="TrainerPK")
    trainer_sk = UnicodeAttribute(range_key=True, attr_name="TrainerSK")


class VenueIndex(GlobalSecondaryIndex):
    """What belongs to a venue, by start: the sessions held there (every status but deleted)."""

    class Meta:
        index_name = VENUE_INDEX
        projection = AllProjection()

    venue_pk = UnicodeAttribute(hash_key=True, attr_name="VenuePK")
    venue_sk = UnicodeAttribute(range_key=True, attr_name="VenueSK")


class StatusIndex(GlobalSecondaryIndex):
    """Sessions of one status, by start (`SESSION#<status>`): moved with every status change."""

    class Meta:
        index_name = STATUS_INDEX
        projection = AllProjection()

    status_pk = UnicodeAttribute(hash_key=True, attr_name="StatusPK")
    status_sk = UnicodeAttribute(range_key=True, attr_name="StatusSK")


class SeriesIndex(GlobalSecondaryIndex):
    """The sessions of one series of recurring drafts, by start (`SERIES#<seriesId>`; sparse)."""

    class Meta:
        index_name = SERIES_INDEX
        projection = AllProjection()

    series_pk = UnicodeAttribute(hash_key=True, attr_name="SeriesPK")
    series_sk = UnicodeAttribute(range_key=True, attr_name="SeriesSK")


INDEXES: tuple[type[GlobalSecondaryIndex[Any]], ...] = (
    ListIndex,
    CourseIndex,
    TrainerWeekIndex,
    TrainerIndex,
    VenueIndex,
    StatusIndex,
    SeriesIndex,
)


class TableItem(Model):
    """Base of every item: the table is bound at run time by `bind_table`."""

    class Meta:
        table_name = "unbound"
        region = "us-east-1"

    pk = UnicodeAttribute(hash_key=True, attr_name="PK")
    sk = UnicodeAttribute(range_key=True, attr_name="SK")


class Listed(TableItem):
    list_pk = UnicodeAttribute(attr_name="ListPK")
    list_sk = UnicodeAttribute(attr_name="ListSK")


def own_fields(model: type[Model], fields: dict[str, Any]) -> list[Any]:
    """SET (or REMOVE, for None) actions for exactly these fields.

    Edits write only an entity's own fields, never the whole item: attributes other writes
    maintain (a course's `compliance_changed_at`, a trainer's `qualified_course_ids`) stay as they are.
    """
    return [
        getattr(model, name).remove() if value is None else getattr(model, name).set(value)
        for name, value in fields.items()
    ]


def domain_view(model: type[Any], item: Model, **overrides: Any) -> Any:
    """A domain model from a stored item: its own fields, by the same names, validated.

    `overrides` cover what storage keeps differently (a set the domain lists in order).
    """
    return model.model_validate({name: getattr(item, name, None) for name in model.model_fields} | overrides)


def _whole_table(table_name: str) -> MetaTable:
    """The table as pynamodb needs to know it: its key and every index (`INDEXES`), whichever item
    classes a function has imported."""
    table = TableItem._get_schema()
    attributes = {definition["AttributeName"]: definition for definition in table["attribute_definitions"]}
    indexes = []
    for index in INDEXES:
        schema = index._get_schema()
        attributes.update({definition["AttributeName"]: definition for definition in schema["attribute_definitions"]})
        indexes.append({"IndexName": schema["index_name"], "KeySchema": schema["key_schema"]})
    return MetaTable(
        {
            "TableName": table_name,
            "KeySchema": table["key_schema"],
            "AttributeDefinitions": list(attributes.values()),
            "GlobalSecondaryIndexes": indexes,
        }
    )


_BINDING = threading.Lock()


@functools.cache
def _shared_connection(region: str, endpoint_url: str | None) -> Connection:
    return Connection(region=region, host=endpoint_url)


def _subclasses(model: type[Model]) -> list[type[Model]]:
    return [found for subclass in model.__subclasses__() for found in (subclass, *_subclasses(subclass))]


def bind_table(table_name: str, region: str, endpoint_url: str | None) -> None:
    """Point every item class at one table (and, locally, at DynamoDB Local).

    The binding is `TableItem`'s: its `Meta` and its connection, which every item class inherits,
    so an item module imported later is bound too. All classes share one botocore client: by
    default pynamodb makes a session and a client per class, which would cost a cold start one
    client per item type.
    """
    connection = _shared_connection(region, endpoint_url)
    with _BINDING:  # two threads binding at once (the local gateway) must not both add the table
        try:
            connection.get_meta_table(table_name)
        except TableError:
            connection.add_meta_table(_whole_table(table_name))
    TableItem.Meta.table_name = table_name
    TableItem.Meta.region = region
    TableItem.Meta.host = endpoint_url
    table_connection = TableConnection(table_name, region=region, host=endpoint_url)
    table_connection.connection = connection
    TableItem._connection = table_connection
    for model in _subclasses(TableItem):
        # pynamodb gives a class a connection of its own when it finds its inherited one pointing at
        # another table (an earlier binding): drop those, so every class uses this one.
        if "_connection" in vars(model):
            del model._connection
