"""Imports each function's handler module in-process, as the Lambda runtime would, and keeps
concurrent invocations apart as Lambda's execution environments do."""

from __future__ import annotations

import functools
import importlib.util
import itertools
import sys
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from local.template import ROOT, Route

SHARED_LAYER = ROOT / "layers" / "shared"


def use_shared_layer() -> None:
    """Put the shared layer where Lambda puts it (/opt/python) on the import path."""
    if str(SHARED_LAYER) not in sys.path:
        sys.path.insert(0, str(SHARED_LAYER))


@functools.cache
def load_module(handler_file: Path) -> ModuleType:
    """The handler module, under a name unique to its function folder (every one is `app.py`)."""
    return _exec_module(handler_file, f"functions.{handler_file.parent.name}.{handler_file.stem}")


def _exec_module(handler_file: Path, name: str) -> ModuleType:
    use_shared_layer()
    spec = importlib.util.spec_from_file_location(name, handler_file)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {handler_file}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load_handler(route: Route) -> Callable[[dict[str, Any], Any], dict[str, Any]]:
    return getattr(load_module(route.handler_file), route.handler_name)


_copies = itertools.count(1)


class ExecutionEnvironments:
    """Lambda runs one invocation at a time in an execution environment and starts another one for a
    concurrent invocation, so module state (the Powertools resolver keeps the current route and its
    context on itself) is never shared. Locally: a pool of handler modules per function; an
    invocation takes an idle one, or loads another copy of the module when all are busy."""

    def __init__(self) -> None:
        self._idle: dict[Path, list[ModuleType]] = defaultdict(list)
        self._loaded: set[Path] = set()
        self._lock = threading.Lock()

    @contextmanager
    def handler(self, route: Route) -> Iterator[Callable[[dict[str, Any], Any], dict[str, Any]]]:
        key = route.handler_file
        with self._lock:
            module = self._idle[key].pop() if self._idle[key] else None
            first = key not in self._loaded
            self._loaded.add(key)
        if module is None:
            module = load_module(key) if first else _exec_module(key, f"{load_module(key).__name__}_env{next(_copies)}")
        try:
            yield getattr(module, route.handler_name)
        finally:
            with self._lock:
                self._idle[key].append(module)


def isolate_invocations() -> None:
    """Make Powertools' per-invocation class state per thread.

    The resolver stores the current event and Lambda context on its base class (`BaseRouter`), one
    value per process: right in Lambda (one invocation per process), wrong in a threaded local server,
    where one request would read another's identity or body. Here both are kept per thread, set and
    read through the class or any resolver. Local only: deployed code never runs this.
    """
    use_shared_layer()
    from aws_lambda_powertools.event_handler.api_gateway import BaseRouter

    if isinstance(type(BaseRouter).__dict__.get("current_event"), _PerThread):
        return
    fields = {name: _PerThread() for name in ("current_event", "lambda_context")}
    for name, field in fields.items():
        type.__setattr__(BaseRouter, name, field)  # read through a resolver: `app.current_event`
    BaseRouter.__class__ = type("PerThreadRouterType", (type(BaseRouter),), dict(fields))  # set on the class


class _PerThread:
    """A data descriptor whose value belongs to the thread that set it."""

    def __init__(self) -> None:
        self._values = threading.local()

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        try:
            return self._values.value
        except AttributeError:
            raise AttributeError("no invocation on this thread") from None

    def __set__(self, instance: Any, value: Any) -> None:
        self._values.value = value
