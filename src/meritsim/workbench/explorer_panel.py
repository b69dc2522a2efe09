"""The scenario explorer's widgets (ipywidgets): scenario, policies, size, years, replications and
the levers, a "Jalankan" button with a progress bar, a headline and charts that update.

Build it with :class:`ExplorerPanel` and display it in JupyterLab; the logic is in
:mod:`meritsim.workbench.explorer`.
"""

from __future__ import annotations

import base64
import html
from typing import Any

import ipywidgets as w

from meritsim.model.outcomes import OUTCOMES
from meritsim.study.results import Results
from meritsim.workbench import explorer as ex
from meritsim.workbench.checks import ParameterError
from meritsim.workbench.notebook import compact_png

_TEXT = {
    "title": ("Penjelajah skenario", "Scenario explorer"),
    "scenario": ("Skenario", "Scenario"),
    "outcome": ("Luaran grafik", "Outcome charted"),
    "policies": ("Kebijakan promosi", "Promotion policies"),
    "scale": ("Skala (kali ukuran skenario)", "Size (times the scenario's)"),
    "years": ("Lama simulasi (tahun)", "Years simulated"),
    "replications": ("Replikasi", "Replications"),
    "levers": ("Tuas kebijakan", "Policy levers"),
    "run": ("Jalankan", "Run"),
    "progress": ("Kemajuan", "Progress"),
    "changed": ("Parameter berubah: klik Jalankan.", "Settings changed: click Run."),
    "running": ("Menjalankan {what} ({done} dari {total})…", "Running {what} ({done} of {total})…"),
    "done": ("Selesai: {p} kebijakan × {r} replikasi × {y} tahun dalam {s} detik.",
             "Done: {p} policies × {r} replications × {y} years in {s} s."),
    "failed": ("Gagal: {error}", "Failed: {error}"),
    "static": ("Penjelajah skenario interaktif: buka buku kerja ini di JupyterLab untuk mengubah "
               "parameter.", "Interactive scenario explorer: open this notebook in JupyterLab to "
               "change the settings."),
}  # fmt: skip
_WIDE = {"description_width": "initial"}
_SLIDER: dict[str, Any] = {"style": _WIDE, "continuous_update": False}


def _slider(label: str, values: list[float], value: float, digits: int, lang: str) -> w.SelectionSlider:
    """A slider over ``values`` whose readout is the number in ``lang`` (decimal comma in id)."""
    options = [(ex.number(v, digits, lang), v) for v in values]
    return w.SelectionSlider(
        options=options,
        value=value,
        description=label,
        layout=w.Layout(width="560px"),
        **_SLIDER,
    )


class ExplorerPanel:
    """Widgets over :class:`~meritsim.workbench.explorer.Settings`; ``run()`` (or the button)
    runs the comparison and redraws. ``results`` is the last run's."""

    def __init__(self, settings: ex.Settings | None = None, outcome: str = "effectiveness_mean") -> None:
        if outcome not in ex.OUTCOME_CHOICES:
            raise ParameterError(
                f"outcome {outcome!r} is not offered; use one of {', '.join(ex.OUTCOME_CHOICES)}"
            )
        self.base_settings = s = settings or ex.Settings()
        self.lang = s.lang
        self.results: Results | None = None
        self._controls(s, outcome)
        self._classes()
        self.button.on_click(lambda _: self._clicked())
        self.outcome.observe(lambda _: self.render(), names="value")
        self.scenario.observe(lambda change: self._scenario_changed(change["new"]), names="value")
        changing = (self.scale, self.years, self.replications, *self.policies.values(), *self.levers.values())
        for control in changing:
            control.observe(lambda _: self._say(self.text("changed")), names="value")
        t = self.text
        self.widget = w.VBox([
            w.HTML(f"<h3>{t('title')}</h3>"),
            w.HBox([self.scenario, self.outcome]),
            w.HTML(f"<b>{t('policies')}</b>"), w.HBox(list(self.policies.values())),
            self.scale, self.years, self.replications,
            w.HTML(f"<b>{t('levers')}</b>"), *self.levers.values(),
            w.HBox([self.button, self.progress]), self.status, self.headline, self.charts,
        ])  # fmt: skip

    def _controls(self, s: ex.Settings, outcome: str) -> None:
        t, lang = self.text, self.lang
        scenarios = [(ex.scenario_label(n, lang), n) for n in ex.scenario_choices(s.scenario)]
        self.scenario = w.Dropdown(
            options=scenarios, value=s.scenario, description=t("scenario"), style=_WIDE
        )
        outcomes = [(OUTCOMES[o].label(lang), o) for o in ex.OUTCOME_CHOICES]
        self.outcome = w.Dropdown(options=outcomes, value=outcome, description=t("outcome"), style=_WIDE)
        self.policies = {
            p: w.Checkbox(
                value=p in s.policies,
                description=ex.policy_label(p, lang),
                indent=False,
                layout=w.Layout(width="auto", margin="0 16px 0 0"),
            )
            for p in dict.fromkeys([*ex.POLICIES, *s.policies])  # any other registered one too
        }
        self.scale = _slider(t("scale"), sorted({*ex.SCALES, s.scale}), s.scale, 2, lang)
        self.years = w.IntSlider(
            value=s.years, min=1, max=max(40, s.years), description=t("years"), **_SLIDER
        )
        most = max(30, s.replications)
        self.replications = w.IntSlider(
            value=s.replications, min=1, max=most, description=t("replications"), **_SLIDER
        )
        base = s.base()
        self.levers = {}
        for lever in ex.LEVERS:
            value = round(s.levers.get(lever.key, lever.value(base)), 6)
            self.levers[lever.key] = _slider(lever.label(lang), lever.grid(value), value, lever.digits, lang)
        self.button = w.Button(description=t("run"), button_style="primary", icon="play")
        self.progress = w.IntProgress(value=0, min=0, max=1, description=t("progress"), style=_WIDE)
        self.status, self.headline, self.charts = w.HTML(), w.HTML(), w.Output()

    def text(self, key: str) -> str:
        return _TEXT[key][0 if self.lang == "id" else 1]

    def _classes(self) -> None:
        """CSS classes that name the parts (for tests and styling)."""
        for name in (
            "scenario",
            "outcome",
            "scale",
            "years",
            "replications",
            "button",
            "progress",
            "status",
            "headline",
            "charts",
        ):
            getattr(self, name).add_class(f"meritsim-{name}")
        for key, box in self.policies.items():
            box.add_class(f"meritsim-policy-{key}")
        for key, slider in self.levers.items():
            slider.add_class(f"meritsim-lever-{key}")

    def settings(self) -> ex.Settings:
        """The settings the widgets show."""
        levers = {key: float(slider.value) for key, slider in self.levers.items()}
        return ex.Settings(
            scenario=self.scenario.value,
            policies=tuple(p for p, box in self.policies.items() if box.value),
            scale=float(self.scale.value),
            years=int(self.years.value),
            replications=int(self.replications.value),
            seed=self.base_settings.seed,
            overrides=self.base_settings.overrides,
            levers=levers,
            lang=self.lang,
        )

    def _scenario_changed(self, name: str) -> None:
        """Levers start from the newly chosen scenario's own values."""
        base = ex.Settings(scenario=name, overrides=self.base_settings.overrides).base()
        for lever in ex.LEVERS:
            slider, value = self.levers[lever.key], round(lever.value(base), 6)
            labels = {v: label for label, v in slider.options}
            slider.options = [
                (labels.get(v, ex.number(v, lever.digits, self.lang)), v) for v in lever.grid(value)
            ]
            slider.value = value

    def _say(self, message: str, error: bool = False) -> None:
        colour = "#b00020" if error else "#333"
        self.status.value = f'<span style="color:{colour}">{html.escape(message)}</span>'

    def _step(self, done: int, total: int, what: str) -> None:
        self.progress.max, self.progress.value = total, done
        if what:
            self._say(self.text("running").format(what=what, done=done + 1, total=total))

    def run(self) -> Results:
        """Run the comparison the widgets describe, then redraw the headline and the charts."""
        settings = self.settings()
        self.button.disabled = True
        try:
            self.results = ex.run(settings, self._step)
        finally:
            self.button.disabled = False
        seconds = ex.number(self.results.manifest["timings"]["total_seconds"], 1, self.lang)
        self._say(
            self.text("done").format(
                p=len(settings.policies), r=settings.replications, y=settings.years, s=seconds
            )
        )
        self.render()
        return self.results

    def _clicked(self) -> None:
        try:
            self.run()
        except (ValueError, RuntimeError) as exc:  # a bad combination: say so in the panel
            self._say(self.text("failed").format(error=exc), error=True)

    def render(self) -> None:
        """Redraw the headline and the charts of the last run for the chosen outcome."""
        if self.results is None:
            return
        lines = ex.headline(self.results, self.outcome.value, self.lang)
        items = "".join(f"<li>{html.escape(line)}</li>" for line in lines[1:])
        self.headline.value = f"<b>{html.escape(lines[0])}</b><ul>{items}</ul>"
        outputs = []
        for name, chart in ex.charts(self.results, self.outcome.value, self.lang).items():
            from meritsim.workbench.charts import to_png

            png = base64.b64encode(compact_png(to_png(chart, scale=1))).decode()
            outputs.append(
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": {"image/png": png, "text/plain": name},
                }
            )
        self.charts.outputs = tuple(outputs)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict:
        """The widget view in JupyterLab; elsewhere (a static report) a sentence, not a repr."""
        bundle = self.widget._repr_mimebundle_(**kwargs)
        return {**bundle, "text/plain": self.text("static")}
