"""Binding the item classes to the table is safe when two invocations of one process do it at once."""

from __future__ import annotations

import threading
import time
import uuid

from pynamodb.connection import Connection

from titan_training.store.items import base as items


def test_threads_binding_the_same_table_at_once_all_succeed(monkeypatch):
    # Given a table not bound yet, and a connection slow to answer whether it knows the table
    # (so that every thread would look before any of them adds it)
    table = f"training-{uuid.uuid4().hex[:8]}"
    looked_up = Connection.get_meta_table

    def slow_lookup(self, table_name):
        try:
            return looked_up(self, table_name)
        finally:
            time.sleep(0.05)  # the answer arrives late: the others look meanwhile

    monkeypatch.setattr(Connection, "get_meta_table", slow_lookup)
    failures: list[BaseException] = []
    start = threading.Barrier(4)

    def bind():
        start.wait()
        try:
            items.bind_table(table, "us-east-1", "http://127.0.0.1:1")
        except BaseException as error:  # the test reports whatever a thread raised
            failures.append(error)

    # When four threads bind it at the same moment
    threads = [threading.Thread(target=bind) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # Then none of them fails, and the table is known to the shared connection once
    assert failures == []
    assert items._shared_connection("us-east-1", "http://127.0.0.1:1").get_meta_table(table).table_name == table
