"""What every report says about itself: a header (title from the place and the question, the
runs' settings, date, meritsim version, parameters hash) and a glossary of its terms."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from meritsim.model.scenario import Scenario, scenario_hash
from meritsim.study.provenance import meritsim_version
from meritsim.workbench.vocabulary import number, place, scenario_label, term

QUESTIONS = {
    "merit_vs_nonmerit": ("Merit vs non-merit", "Merit vs non-merit"),
    "peter_principle": ("Prinsip Peter", "The Peter principle"),
    "sensitivity": ("Tuas dan ketidakpastian yang berpengaruh", "Which levers and uncertainties matter"),
    "calibrate_from_data": ("Kalibrasi dari data kepegawaian", "Calibration from personnel data"),
    "supervision": ("Pengawas sistem merit", "The merit-system supervisor"),
    "validation": ("Model dibandingkan statistik BKN", "The model against BKN's statistics"),
}
_POLICIES = {
    "merit": ("promosi kepada skor merit tertinggi: kompetensi hasil asesmen, rekam jejak penilaian kinerja "
              "dan potensi", "promotion of the highest merit score: assessed competence, appraisal record "
              "and potential"),
    "seniority": ("promosi menurut urutan DUK: pangkat, masa dalam pangkat, masa kerja, usia",
                  "promotion in DUK order: rank, years in rank, years of service, age"),
    "patronage": ("“suka dan tidak suka”: skor merit yang dibengkokkan oleh kedekatan dengan pejabat yang "
                  "mengangkat", "“like and dislike”: merit bent by affinity to the appointing official"),
    "lottery": ("undian di antara yang memenuhi syarat", "a lottery among the eligible"),
    "hybrid": ("campuran berbobot merit (70 %) dan senioritas (30 %)",
               "a weighted mix of merit (70 %) and seniority (30 %)"),
    "best": ("promosi yang terbaik menurut kompetensi laten (Pluchino dkk. 2010)",
             "promote the most competent (Pluchino et al. 2010)"),
    "worst": ("promosi yang terburuk menurut kompetensi laten", "promote the least competent"),
    "random": ("promosi acak", "promote at random"),
    "alternate": ("bergantian terbaik dan terburuk", "alternately the best and the worst"),
}  # fmt: skip


def _t(lang: str, id: str, en: str) -> str:
    return id if lang == "id" else en


def title(notebook: str, lang: str, scenarios: Sequence[str] = ()) -> str:
    """ "Merit vs non-merit — Provinsi Banten": the question, then the place(s)."""
    question = QUESTIONS.get(notebook, (notebook, notebook))[0 if lang == "id" else 1]
    places = ", ".join(dict.fromkeys(place(s, lang) for s in scenarios))
    return f"{question} — {places}" if places else question


def parameters_hash(runs: Sequence[Scenario], settings: dict) -> str:
    """A short hash of every run's resolved parameters and the run settings."""
    text = "|".join([*(scenario_hash(r) for r in runs), repr(sorted(settings.items()))])
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def header(notebook: str, lang: str, settings: dict, runs: Sequence[Scenario] = ()) -> tuple[str, str]:
    """The report's title and its header (Markdown): the settings (scenarios, policies, scale,
    replications, years, warm-up, seed ...), the date, meritsim's version and the parameters hash."""
    scenarios = settings.get("scenarios") or ([settings["scenario"]] if settings.get("scenario") else [])
    name = title(notebook, lang, scenarios)
    rows = []
    for key, value in settings.items():
        if key == "overrides":  # what the user typed, verbatim in code font
            shown = ", ".join(f"`{v}`" for v in value) or "–"
        elif isinstance(value, list | tuple):
            shown = ", ".join(term(v, lang) for v in value) or "–"
        elif isinstance(value, float):
            shown = number(value, lang, 6).rstrip("0").rstrip(",.")
        elif isinstance(value, bool):
            shown = term(value, lang)
        elif key == "baseline":
            shown = scenario_label(value, lang)
        elif key == "lang":
            shown = {"id": "Bahasa Indonesia", "en": "English"}.get(str(value), str(value))
        else:
            shown = str(value) if value != "" else "–"
        rows.append(f"| {setting_label(key, lang)} | {shown} |")
    today = dt.date.today().isoformat()
    rows += [
        f"| {_t(lang, 'Tanggal', 'Date')} | {today} |",
        f"| {_t(lang, 'Versi meritsim', 'meritsim version')} | {meritsim_version()} |",
        f"| {_t(lang, 'Hash parameter', 'Parameters hash')} | `{parameters_hash(runs, settings)}` |",
    ]
    table = "\n".join(
        [f"| {_t(lang, 'Pengaturan', 'Setting')} | {_t(lang, 'Nilai', 'Value')} |", "|---|---|", *rows]
    )
    return name, f"# {name}\n\n{table}\n"


SETTING_LABELS = {
    "scenarios": ("Skenario", "Scenarios"), "scenario": ("Skenario", "Scenario"),
    "policies": ("Kebijakan promosi", "Promotion policies"), "baseline": ("Pembanding", "Baseline"),
    "scale": ("Skala organisasi", "Organisation scale"), "overrides": ("Perubahan parameter", "Overrides"),
    "replications": ("Replikasi", "Replications"), "years": ("Tahun disimulasikan", "Simulated years"),
    "warmup": ("Tahun pemanasan", "Warm-up years"), "seed": ("Benih acak", "Random seed"),
    "lang": ("Bahasa", "Language"), "hypotheses": ("Hipotesis", "Hypotheses"),
    "strategies": ("Strategi", "Strategies"),
    "stationary_from": ("Awal jendela stasioner", "Stationary window from"),
    "sweep_dir": ("Folder sapuan", "Sweep folder"), "spec": ("Spesifikasi sapuan", "Sweep spec"),
    "robustness_samples": ("Sampel uji ketahanan", "Robustness samples"),
    "robustness_replications": ("Replikasi uji ketahanan", "Robustness replications"),
    "robustness_years": ("Tahun uji ketahanan", "Robustness years"),
    "decompose_replications": ("Replikasi dekomposisi", "Decomposition replications"),
    "decompose_years": ("Tahun dekomposisi", "Decomposition years"),
    "exports": ("Ekspor data", "Exports"), "dates": ("Tanggal ekspor", "Export dates"),
    "mapping": ("Pemetaan kolom", "Column mapping"), "truth": ("Parameter sebenarnya", "True parameters"),
}  # fmt: skip


def setting_label(key: str, lang: str) -> str:
    pair = SETTING_LABELS.get(key)
    return key if pair is None else pair[0 if lang == "id" else 1]


def glossary(lang: str, policies: Sequence[str] = ()) -> str:
    """The glossary (Markdown): efektivitas, kompetensi and its scale, each policy shown, the 9
    talent boxes, the merit-system index and how its aspects are computed, IK, "P − L"."""
    items = [_t(lang, "## Glosarium", "## Glossary"), _t(
        lang,
        "- **Efektivitas** (%): kompetensi yang benar-benar dipakai di setiap jabatan, dibobot menurut "
        "jenjang (jenjang lebih tinggi berbobot lebih besar), dibagi kompetensi maksimum pada semua "
        "jabatan (Pluchino dkk. 2010). 100 % berarti setiap jabatan diisi orang dengan kompetensi "
        "tertinggi; jabatan kosong dan pegawai yang kehilangan motivasi menurunkannya.",
        "- **Effectiveness** (%): the competence actually put to work in every post, weighted by level "
        "(higher levels weigh more), over the maximum competence in all posts (Pluchino et al. 2010). "
        "100 % means every post held by someone of the highest competence; vacant posts and demotivated "
        "staff lower it.",
    ), _t(
        lang,
        "- **Kompetensi**: kemampuan laten seseorang pada skala 1–10 (10 = tertinggi); asesmen dan "
        "penilaian kinerja hanya mengukurnya dengan galat.",
        "- **Competence**: a person's latent ability on a 1–10 scale (10 = highest); assessments and "
        "appraisals measure it only with error.",
    )]  # fmt: skip
    for p in dict.fromkeys(policies):
        if p in _POLICIES:
            items.append(f"- **{term(p, lang)}** ({_t(lang, 'kebijakan', 'policy')}): "
                         f"{_POLICIES[p][0 if lang == 'id' else 1]}.")  # fmt: skip
    items += [_t(
        lang,
        "- **9 kotak talenta**: penempatan pegawai menurut kinerja (3 tingkat) x potensi (3 tingkat); "
        "kotak 7–9 adalah kelompok rencana suksesi.",
        "- **9 talent boxes**: staff placed by performance (3 grades) x potential (3 grades); boxes 7–9 "
        "are the talent pool for succession.",
    ), _t(
        lang,
        "- **Indeks sistem merit** (0–400, perkiraan): rata-rata berbobot dari aspek yang dihitung dari "
        "kejadian tahun itu: perencanaan kebutuhan (porsi jabatan terisi), pengadaan (porsi lowongan "
        "jenjang awal yang terisi rekrutmen), pengembangan karier (cakupan asesmen yang masih berlaku, "
        "suksesi dari kelompok talenta, diklat bagi yang memiliki kesenjangan kompetensi), promosi dan "
        "mutasi (porsi pengangkatan yang jatuh pada calon terbaik menurut tolok ukur independen, secara "
        "wajar), manajemen kinerja (ketepatan penilaian kinerja), penggajian, penghargaan dan disiplin "
        "(jabatan dipegang secara wajar, pelanggaran terdeteksi); perlindungan dan sistem informasi tidak "
        "disimulasikan. Kategori: IV Sangat Baik 325–400, III Baik 250–324, II Kurang 175–249, I Buruk "
        "di bawah 175.",
        "- **Merit-system index** (0–400, estimate): a weighted mean of aspects computed from the year's "
        "events: needs planning (share of posts filled), procurement (share of entry vacancies filled by "
        "recruitment), career development (coverage by valid assessments, succession from the talent "
        "pool, training of those with a competence gap), promotion and transfer (share of appointments "
        "that went, regularly, to one of the best candidates by an independent yardstick), performance "
        "management (accuracy of appraisals), pay, awards and discipline (posts held regularly, breaches "
        "detected); protection and information systems are not simulated. Categories: IV Sangat Baik "
        "325–400, III Baik 250–324, II Kurang 175–249, I Buruk below 175.",
    ), _t(
        lang,
        "- **IK 95 %** (interval kepercayaan 95 %): rentang yang memuat nilai sebenarnya dengan "
        "keyakinan 95 %, dari replikasi berpasangan; bila rentang selisih memuat nol, tidak ada "
        "perbedaan yang jelas.",
        "- **95 % CI** (confidence interval): the range that holds the true value with 95 % confidence, "
        "from paired replications; when a difference's range includes zero there is no clear difference.",
    ), _t(
        lang,
        "- **P − L**: selisih perempuan dikurangi laki-laki (mis. promosi per 100 pegawai per tahun).",
        "- **W − M**: women minus men (e.g. promotions per 100 staff per year).",
    )]  # fmt: skip
    return "\n".join(items)
