"""Logger, Tracer and Metrics for every function (service name and namespace come from POWERTOOLS_* env)."""

from aws_lambda_powertools import Logger, Metrics, Tracer

logger = Logger()
tracer = Tracer()
metrics = Metrics()
