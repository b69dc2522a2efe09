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
    for marker in (
        "browser: real-browser check (JupyterLab in headless Chromium); skipped locally without "
        "chromium/chromedriver, fails under CI",
        "slow: takes several seconds (whole studies); `make test-fast` leaves them out",
        "notebooks: executes a notebook (nbval cells carry it too)",
    ):
        config.addinivalue_line("markers", marker)


def pytest_collection_modifyitems(config, items) -> None:
    """Every nbval cell is in the notebooks lane."""
    import pytest

    for item in items:
        if str(item.fspath).endswith(".ipynb"):
            item.add_marker(pytest.mark.notebooks)
