"""API glue: the resolver factory, error mapping, caller identity and observability."""
