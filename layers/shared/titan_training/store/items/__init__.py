"""pynamodb models of the single training table, one module per aggregate.

`base` is the table's shape (its key, its indexes, the base item and the binding); every other
module holds one aggregate's items and their keys, defined once. A function imports only the
item modules of the aggregates it touches.
"""
