"""The only code that knows the table's keys, indexes and pynamodb. See docs/data-model.md.

`store.table.TrainingTable` is the binding; `store.items` defines every item and key once (`items.base`
the table's shape, then one module per aggregate); one module per aggregate (courses, personnel,
trainers, venues, sessions, records, suggestions, ...) holds its access patterns; `store.evidence`
(S3) and `store.idempotency` are imported only where used.
"""
