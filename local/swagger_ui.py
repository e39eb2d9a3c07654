"""Swagger UI's assets, fetched once from the npm registry (`swagger-ui-dist`) so /docs needs no CDN."""

from __future__ import annotations

import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from local.template import ROOT

PACKAGE = "swagger-ui-dist@5.32.0"
ASSETS_DIR = ROOT / ".local" / "swagger-ui"
ASSETS = ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "favicon-32x32.png")


def ensure_installed() -> Path:
    if all((ASSETS_DIR / name).exists() for name in ASSETS):
        return ASSETS_DIR
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=scratch, check=True, stdout=subprocess.DEVNULL)
        (tarball,) = Path(scratch).glob("swagger-ui-dist-*.tgz")
        with tarfile.open(tarball) as archive:
            archive.extractall(scratch, filter="data")
        ASSETS_DIR.mkdir(parents=True, exist_ok=True)
        for name in ASSETS:
            shutil.copy2(Path(scratch) / "package" / name, ASSETS_DIR / name)
    return ASSETS_DIR


def page(openapi_url: str, assets_url: str) -> str:
    """The Swagger UI page, loading its assets from `assets_url` and the document from `openapi_url`."""
    return f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Titan Training API</title>
  <link rel="stylesheet" href="{assets_url}/swagger-ui.css">
  <link rel="icon" href="{assets_url}/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="{assets_url}/swagger-ui-bundle.js"></script>
  <script src="{assets_url}/swagger-ui-standalone-preset.js"></script>
  <script>
    window.ui = SwaggerUIBundle({{
      url: "{openapi_url}",
      dom_id: "#swagger-ui",
      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
      layout: "StandaloneLayout",
      requestInterceptor: (request) => {{
        const user = localStorage.getItem("devUserId") || "local-admin";
        const groups = localStorage.getItem("devGroups") || "hse-admin";
        request.headers["X-Dev-User-Id"] = user;
        request.headers["X-Dev-Groups"] = groups;
        return request;
      }},
    }});
  </script>
</body>
</html>
"""


if __name__ == "__main__":
    print(ensure_installed())
