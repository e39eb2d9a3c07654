"""Logger, Tracer and Metrics for every function (service name and namespace come from POWERTOOLS_* env)."""

import warnings

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.metrics.functions import is_metrics_disabled

logger = Logger()
tracer = Tracer()
metrics = Metrics()


def count(name: str, value: float = 1) -> None:
    """Add a Count metric, unless metrics are switched off (locally).

    With POWERTOOLS_METRICS_DISABLED, Powertools neither prints nor clears its buffer at flush time,
    yet still prints once a metric holds 100 values: adding nothing is the only quiet way.
    """
    if not is_metrics_disabled():
        metrics.add_metric(name=name, unit=MetricUnit.Count, value=value)


if is_metrics_disabled():
    warnings.filterwarnings("ignore", message="No application metrics to publish")
