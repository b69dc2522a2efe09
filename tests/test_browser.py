"""Real-browser checks in JupyterLab in headless Chromium: the headline notebook shows its charts, and
the scenario explorer, run there, redraws its chart when a widget changes.

JupyterLab runs headless on 127.0.0.1 (free port, random token) with every Jupyter/IPython/HOME folder
in a temporary directory, so ``$HOME`` stays clean (docs/development.md). Selenium drives Debian's
``/usr/bin/chromium`` through the system ``chromedriver``. The notebook is committed executed, so the
check only opens it: no cell is run. The explorer check runs every cell (Run > Run All Cells), ticks
a policy and a lever and clicks "Jalankan". Screenshots are kept in ``tests/artifacts/`` (git-ignored).

Without Chromium or ChromeDriver the test is skipped locally; with ``CI`` set it fails instead, since
``.ci/run`` installs both. ``MERITSIM_BROWSER_NOTEBOOK=/path/to/x.ipynb`` points it at another notebook
(for debugging the check itself).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
HEADLINE_NOTEBOOK = REPO / "notebooks" / "merit_vs_nonmerit.ipynb"
ARTIFACT = REPO / "tests" / "artifacts" / "jupyterlab_merit_vs_nonmerit.png"
EXPLORER = REPO / "notebooks" / "scenario_explorer.ipynb"
EXPLORER_ARTIFACT = REPO / "tests" / "artifacts" / "jupyterlab_scenario_explorer.png"
CHROMIUM = Path("/usr/bin/chromium")

SERVER_START_TIMEOUT = 60  # seconds until /api/status answers
RENDER_TIMEOUT = 90  # seconds until every chart of the notebook is in the page and loaded
RUN_TIMEOUT = 90  # seconds for the explorer's cells, or one rerun, to finish in the kernel
WINDOW_WIDTH, WINDOW_HEIGHT = 1400, 2000
MAX_SCREENSHOT_HEIGHT = 8000  # px; the window grows to show the whole notebook, up to this height

pytestmark = pytest.mark.browser


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _skip_or_fail(reason: str) -> None:
    """Skip locally; under CI a missing prerequisite is an error, never a silent skip."""
    if _in_ci():
        pytest.fail(f"{reason} (CI is set, so this is a failure: .ci/run installs it)", pytrace=False)
    pytest.skip(reason)


def _notebook_path() -> Path:
    override = os.environ.get("MERITSIM_BROWSER_NOTEBOOK")
    return Path(override).resolve() if override else HEADLINE_NOTEBOOK


def _count_png_outputs(notebook: Path) -> int:
    """How many code-cell outputs carry an ``image/png``: each renders as one <img> in JupyterLab."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    return sum(
        1
        for cell in nb.get("cells", [])
        if cell.get("cell_type") == "code"
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# urllib must not send loopback requests through a proxy taken from the environment.
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _tail(path: Path, lines: int = 40) -> str:
    if not path.exists():
        return "(no log)"
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


@dataclass(frozen=True)
class LabServer:
    url: str  # http://127.0.0.1:PORT
    token: str
    notebook_name: str
    png_outputs: int
    log: Path
    home: Path  # the fake $HOME given to the server and to Chromium
    root: Path  # the folder the server serves (a copy of notebooks/)


def _isolated_env(tmp: Path) -> dict[str, str]:
    """Environment with every per-user Jupyter/IPython/HOME folder under ``tmp``.

    JUPYTER_DATA_DIR replaces only the *user* data folder: ``jupyter_path()`` still lists
    ``sys.prefix/share/jupyter``, where the venv's own ``python3`` kernel lives.
    """
    env = os.environ.copy()
    folders = {
        "HOME": tmp / "home",
        "JUPYTER_CONFIG_DIR": tmp / "jupyter-config",
        "JUPYTER_DATA_DIR": tmp / "jupyter-data",
        "JUPYTER_RUNTIME_DIR": tmp / "jupyter-runtime",
        "IPYTHONDIR": tmp / "ipython",
        "JUPYTERLAB_SETTINGS_DIR": tmp / "lab-user-settings",
        "JUPYTERLAB_WORKSPACES_DIR": tmp / "lab-workspaces",
        "XDG_CACHE_HOME": tmp / "home" / ".cache",
        "XDG_CONFIG_HOME": tmp / "home" / ".config",
        "XDG_DATA_HOME": tmp / "home" / ".local" / "share",
        "MPLCONFIGDIR": tmp / "home" / ".config" / "matplotlib",
    }
    for name, folder in folders.items():
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    env.pop("JUPYTER_PLATFORM_DIRS", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _write_lab_settings(settings_dir: Path) -> None:
    """User settings for this throw-away JupyterLab (the venv's own settings are left alone).

    - ``windowingMode: none``: JupyterLab 4 renders notebooks "windowed". Its modes "full" and
      "defer" attach only (or first) the cells near the viewport, so charts further down may not be
      in the DOM; 4.6's default "contentVisibility" keeps them in the DOM but lets the browser skip
      rendering them while off screen. With "none" every cell is attached and rendered at once, so
      all charts can be counted without scrolling and the tall screenshot shows all of them.
      (Scrolling through a windowed notebook was the alternative: it depends on cell heights and
      idle callbacks, and is slower and flakier.)
    - ``autoStartDefaultKernel``: opening a notebook whose kernel is unknown here would otherwise pop
      up a "Select Kernel" dialog over the page. Opening starts at most an idle kernel; no cell runs.
    - No news, no update check, no toasts: nothing goes to the network or covers the page.
    """
    files = {
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
            "windowingMode": "none",
            "autoStartDefaultKernel": True,
        },
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
            "fetchNews": "false",
            "checkForUpdates": False,
            "doNotDisturbMode": True,
        },
    }
    for relative, settings in files.items():
        path = settings_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings, indent=2), encoding="utf-8")


def _stop_server(proc: subprocess.Popen[bytes], url: str, token: str) -> None:
    """Ask the server to shut down (it stops its kernels too), then SIGTERM, then SIGKILL."""
    if proc.poll() is None:
        with contextlib.suppress(OSError, urllib.error.URLError):
            request = urllib.request.Request(
                f"{url}/api/shutdown", method="POST", headers={"Authorization": f"token {token}"}
            )
            _NO_PROXY.open(request, timeout=5).close()
    for sig, grace in ((None, 10), (signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        if sig is not None and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=grace)
            return


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    if not CHROMIUM.is_file() or shutil.which("chromedriver") is None:
        _skip_or_fail(
            "needs Debian's chromium and chromium-driver (/usr/bin/chromium and chromedriver on PATH)"
        )
    for module in ("selenium", "jupyterlab"):
        try:
            __import__(module)
        except ImportError:
            _skip_or_fail(f"needs the Python package {module} in this environment")

    notebook = _notebook_path()
    assert notebook.is_file(), f"notebook not found: {notebook}"
    png_outputs = _count_png_outputs(notebook)

    tmp = tmp_path_factory.mktemp("jupyterlab")
    env = _isolated_env(tmp)
    _write_lab_settings(Path(env["JUPYTERLAB_SETTINGS_DIR"]))
    # Serve a copy, so opening the notebook can never write to the repository (checkpoints, autosave).
    root = tmp / "notebooks"
    if notebook == HEADLINE_NOTEBOOK:
        shutil.copytree(notebook.parent, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    else:
        root.mkdir()
        shutil.copy2(notebook, root / notebook.name)

    port = _free_port()
    token = secrets.token_hex(24)
    url = f"http://127.0.0.1:{port}"
    log = tmp / "jupyterlab.log"
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--allow-root",  # CI runs as root; harmless otherwise
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",  # fail rather than silently move to another port
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.terminals_enabled=False",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",  # no PyPI look-ups from the extension manager
        "--LanguageServerManager.autodetect=False",  # jupyter-lsp: no probing for language servers
    ]
    with log.open("wb") as log_file:
        proc = subprocess.Popen(
            command,
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so cleanup can signal all of it
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab exited with code {proc.returncode}:\n{_tail(log)}", pytrace=False)
            try:
                with _NO_PROXY.open(f"{url}/api/status?token={token}", timeout=2) as response:
                    if response.status == 200:
                        break
            except (OSError, urllib.error.URLError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"JupyterLab did not answer within {SERVER_START_TIMEOUT} s:\n{_tail(log)}", pytrace=False
                )
            time.sleep(0.2)
        yield LabServer(url, token, notebook.name, png_outputs, log, Path(env["HOME"]), root)
    finally:
        _stop_server(proc, url, token)


# Run in the page on every poll: close any dialog by its reject button (a "Select Kernel" dialog, say:
# rejecting it leaves the notebook without a kernel), then report what is rendered. An <img> counts
# once its data has decoded (naturalWidth > 0).
_PAGE_STATE_JS = """
const dialogs = document.querySelectorAll('.jp-Dialog').length;
for (const button of document.querySelectorAll('.jp-Dialog .jp-Dialog-button.jp-mod-reject')) {
  button.click();
}
const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
const images = panel ? Array.from(panel.querySelectorAll('.jp-OutputArea-output img')) : [];
// The notebook scrolls inside its own element: how much taller than its box is its content?
const scroller = panel ? panel.querySelector('.jp-WindowedPanel-outer') || panel : null;
const cells = panel ? panel.querySelectorAll('.jp-Cell') : [];
let overflow = 0;
if (scroller && cells.length) {
  const last = cells[cells.length - 1].getBoundingClientRect().bottom;
  const box = scroller.getBoundingClientRect();
  overflow = Math.ceil(last + scroller.scrollTop - box.top - scroller.clientHeight);
}
return {
  dialogs: dialogs,
  panel: panel !== null,
  cells: cells.length,
  images: images.length,
  loaded: images.filter((img) => img.complete && img.naturalWidth > 0).length,
  overflow: overflow,
};
"""


def _chrome(user_data_dir: Path, home: Path, log: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-gpu",
        "--disable-dev-shm-usage",
        # This machine's network is closed: without these Chromium keeps trying to reach Google.
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={user_data_dir}",
        f"--window-size={WINDOW_WIDTH},{WINDOW_HEIGHT}",
    ):
        options.add_argument(argument)
    # Chromium writes ~/.pki and friends: give chromedriver (and so Chromium) the temporary HOME.
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    env["XDG_CACHE_HOME"] = str(home / ".cache")
    service = Service(executable_path=shutil.which("chromedriver"), env=env, log_output=str(log))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(60)
    return driver


def test_headline_notebook_renders_its_charts(lab_server: LabServer, tmp_path: Path) -> None:
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.unlink(missing_ok=True)
    expected = lab_server.png_outputs
    assert expected >= 1, f"{lab_server.notebook_name} has no image/png output: is it committed executed?"
    driver_log = tmp_path / "chromedriver.log"
    driver = _chrome(tmp_path / "chromium-profile", lab_server.home, driver_log)
    try:
        driver.get(f"{lab_server.url}/lab/tree/{lab_server.notebook_name}?token={lab_server.token}")
        state: dict = {}

        def charts_rendered(drv) -> bool:
            state.update(drv.execute_script(_PAGE_STATE_JS) or {})
            # A poll that found (and closed) a dialog does not count: the next one must see none.
            return bool(state.get("panel")) and state["dialogs"] == 0 and state["loaded"] >= expected

        try:
            WebDriverWait(driver, RENDER_TIMEOUT, poll_frequency=0.25).until(charts_rendered)
            rendered = True
        except TimeoutException:
            rendered = False
        if not rendered:
            driver.save_screenshot(str(ARTIFACT))  # kept for diagnosis
            pytest.fail(
                f"after {RENDER_TIMEOUT} s the page shows {state}, expected {expected} loaded chart "
                f"image(s) (screenshot: {ARTIFACT})\n--- JupyterLab log ---\n{_tail(lab_server.log)}",
                pytrace=False,
            )

        # JupyterLab fills the window and scrolls the notebook inside it, so a "full-page" capture is
        # only the window. Grow the window by what the notebook overflows (capped), then capture it.
        overflow = int(state.get("overflow", 0))
        if overflow > 0:
            driver.set_window_size(WINDOW_WIDTH, min(WINDOW_HEIGHT + overflow + 40, MAX_SCREENSHOT_HEIGHT))
            driver.execute_script(
                "const o = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer');"
                "if (o) { o.scrollTop = 0; }"
            )
        # Once more right before the capture: all charts still loaded, no dialog over the page.
        WebDriverWait(driver, 10, poll_frequency=0.25).until(charts_rendered)
        assert driver.save_screenshot(str(ARTIFACT)), "Chromium did not write the screenshot"
    finally:
        driver.quit()

    assert ARTIFACT.is_file()
    size = ARTIFACT.stat().st_size
    assert size > 20_000, f"screenshot is only {size} bytes: {ARTIFACT}"
    assert ARTIFACT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _fresh_copy(source: Path, target: Path) -> None:
    """``source`` without outputs or saved widget state, so that whatever the page shows comes from
    the run in this browser."""
    nb = json.loads(source.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    nb["metadata"].pop("widgets", None)
    target.write_text(json.dumps(nb, indent=1), encoding="utf-8")


def _kernel_state(server: LabServer, path: str) -> str | None:
    """The execution state of the kernel of the session on ``path`` (None before it has one)."""
    request = urllib.request.Request(
        f"{server.url}/api/sessions", headers={"Authorization": f"token {server.token}"}
    )
    with _NO_PROXY.open(request, timeout=5) as response:
        sessions = json.loads(response.read())
    states = [s["kernel"]["execution_state"] for s in sessions if s.get("path") == path and s.get("kernel")]
    return states[0] if states else None


# What the explorer shows; closes any dialog first (as _PAGE_STATE_JS does).
_EXPLORER_STATE_JS = """
const dialogs = document.querySelectorAll('.jp-Dialog').length;
for (const button of document.querySelectorAll('.jp-Dialog .jp-Dialog-button.jp-mod-reject')) {
  button.click();
}
const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
const one = (selector) => (panel ? panel.querySelector(selector) : null);
const text = (selector) => { const e = one(selector); return e ? e.textContent : ''; };
const images = panel ? Array.from(panel.querySelectorAll('.meritsim-charts img')) : [];
const stderr = panel ? Array.from(panel.querySelectorAll(
  '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')) : [];
return {
  dialogs: dialogs,
  panel: panel !== null,
  status: text('.meritsim-status'),
  headline: text('.meritsim-headline'),
  readout: text('.meritsim-lever-kkn_enforcement .widget-readout'),
  images: images.length,
  loaded: images.filter((img) => img.complete && img.naturalWidth > 0).length,
  chart: images.length ? images[0].src : '',
  stderr: stderr.map((e) => e.textContent.slice(0, 500)).join('\\n'),
};
"""


def test_scenario_explorer_reruns_and_redraws_in_jupyterlab(lab_server: LabServer, tmp_path: Path) -> None:
    """Run the explorer's cells in JupyterLab, tick a policy (Undian), move the KKN lever to its end
    (keyboard) and click "Jalankan": the run ends, the headline names the new policy, the chart differs."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    name = "scenario_explorer_run.ipynb"  # a fresh copy beside the committed one
    _fresh_copy(EXPLORER, lab_server.root / name)
    EXPLORER_ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    EXPLORER_ARTIFACT.unlink(missing_ok=True)
    driver = _chrome(tmp_path / "chromium-profile", lab_server.home, tmp_path / "chromedriver.log")
    state: dict = {}

    def wait(what: str, ok, timeout: float = RUN_TIMEOUT) -> None:
        def check(drv) -> bool:
            state.update(drv.execute_script(_EXPLORER_STATE_JS) or {})
            return state["dialogs"] == 0 and bool(ok(state))

        try:
            WebDriverWait(driver, timeout, poll_frequency=0.25).until(check)
        except TimeoutException:
            driver.save_screenshot(str(EXPLORER_ARTIFACT))
            shown = {k: (v[:200] if isinstance(v, str) else v) for k, v in state.items()}
            log = _tail(lab_server.log)
            message = f"waiting for {what}, after {timeout} s the page shows {shown}"
            pytest.fail(
                f"{message} (screenshot: {EXPLORER_ARTIFACT})\n--- JupyterLab log ---\n{log}", pytrace=False
            )

    def find(selector: str):
        return driver.find_element(By.CSS_SELECTOR, f".jp-NotebookPanel:not(.lm-mod-hidden) {selector}")

    try:
        driver.get(f"{lab_server.url}/lab/tree/{name}?token={lab_server.token}")
        wait("the notebook", lambda s: s["panel"], RENDER_TIMEOUT)
        WebDriverWait(driver, RENDER_TIMEOUT, poll_frequency=0.25).until(
            lambda _: _kernel_state(lab_server, name) == "idle"
        )
        [run_menu] = [
            e for e in driver.find_elements(By.CSS_SELECTOR, ".lm-MenuBar-itemLabel") if e.text == "Run"
        ]
        run_menu.click()
        WebDriverWait(driver, 10).until(
            lambda d: d.find_element(By.CSS_SELECTOR, '.lm-Menu-item[data-command="runmenu:run-all"]')
        ).click()
        wait("the default run", lambda s: "Selesai" in s["status"] and s["loaded"] == 2)
        before = dict(state)
        assert "Merit" in before["headline"] and "Undian" not in before["headline"]

        find(".meritsim-policy-lottery input[type=checkbox]").click()
        wait("the kernel to see the change", lambda s: "klik Jalankan" in s["status"], 30)
        find(".meritsim-lever-kkn_enforcement .noUi-handle").send_keys(Keys.END)
        wait("the lever at its end", lambda s: s["readout"].strip() == "1,00", 30)
        find("button.meritsim-button").click()
        wait(
            "the rerun",
            lambda s: "Selesai" in s["status"] and "Undian" in s["headline"] and s["loaded"] == 2
            and s["chart"] != before["chart"],
        )  # fmt: skip
        assert state["headline"] != before["headline"]
        assert driver.save_screenshot(str(EXPLORER_ARTIFACT))
    finally:
        driver.quit()
