"""The web console (web/dist, built by `make web`) on the API's own origin, as `make run` serves it.

A GET outside the API's base path answers the built file at that path, or, for a path that names no
file (a deep link such as /sessions/<id>), index.html, so the single-page app routes it itself. Paths
under the base path are never touched; without a build nothing is served from here.
"""

from __future__ import annotations

import mimetypes
import os
from pathlib import Path, PurePosixPath

from local.template import ROOT


def dist_dir() -> Path:
    """Where the built console is: WEB_DIST, else web/dist."""
    return Path(os.environ.get("WEB_DIST") or ROOT / "web" / "dist").resolve()


def file_for(dist: Path, path: str, base_path: str) -> Path | None:
    """The file that answers a GET of `path`, or None (an API path, no build, or a missing asset)."""
    if path == base_path or path.startswith(f"{base_path}/"):
        return None
    index = dist / "index.html"
    if not index.is_file():
        return None
    relative = path.lstrip("/")
    if relative:
        candidate = (dist / relative).resolve()
        if candidate.is_relative_to(dist) and candidate.is_file():
            return candidate
        if PurePosixPath(relative).suffix:  # a file that is not there (/assets/old.js): a 404, not the app
            return None
    return index


def headers_for(dist: Path, file: Path) -> dict[str, str]:
    kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind in ("application/javascript", "text/javascript"):
        kind += "; charset=utf-8"
    # Vite names each asset by its content hash; index.html must be asked for again every time.
    hashed = file.parent == dist / "assets"
    return {"Content-Type": kind, "Cache-Control": "public, max-age=31536000, immutable" if hashed else "no-cache"}
