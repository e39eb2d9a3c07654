"""Imports each function's handler module in-process, as the Lambda runtime would (once per function)."""

from __future__ import annotations

import functools
import importlib.util
import sys
from collections.abc import Callable
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
    use_shared_layer()
    name = f"functions.{handler_file.parent.name}.{handler_file.stem}"
    spec = importlib.util.spec_from_file_location(name, handler_file)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {handler_file}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load_handler(route: Route) -> Callable[[dict[str, Any], Any], dict[str, Any]]:
    return getattr(load_module(route.handler_file), route.handler_name)
