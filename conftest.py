"""Test-wide set-up: keep $HOME clean (Jupyter and IPython write to a temporary folder) and make
kernels, papermill and nbval use this environment's own python3 kernel."""

from __future__ import annotations

import os
import tempfile

_JUPYTER_HOME = tempfile.mkdtemp(prefix="meritsim-jupyter-")
for _name in ("JUPYTER_RUNTIME_DIR", "JUPYTER_DATA_DIR", "JUPYTER_CONFIG_DIR", "IPYTHONDIR"):
    os.environ[_name] = os.path.join(_JUPYTER_HOME, _name.lower())
os.environ.setdefault("MPLBACKEND", "Agg")


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers",
        "browser: real-browser check (JupyterLab in headless Chromium); skipped locally without "
        "chromium/chromedriver, fails under CI",
    )
