"""The words of reports in Bahasa Indonesia and English: policy and strategy names, table headers,
booleans, assumptions and mechanisms, and numbers written the way each language writes them
(``1.234,5`` in Indonesian, ``1,234.5`` in English). One term per concept: *efektivitas*, *IK*
(interval kepercayaan) for a confidence interval."""

from __future__ import annotations

import math
from pathlib import Path

LANGS = ("id", "en")

_TERMS = """
merit ; merit ; merit
seniority ; senioritas ; seniority
patronage ; patronase ; patronage
lottery ; undian ; lottery
hybrid ; hibrida ; hybrid
best ; terbaik ; best
worst ; terburuk ; worst
random ; acak ; random
alternate ; bergantian ; alternate
peter ; Peter ; Peter
common_sense ; akal sehat ; common sense
true ; Ya ; Yes
false ; Tidak ; No
outcome ; Luaran ; Outcome
scenario ; Skenario ; Scenario
baseline ; Pembanding ; Baseline
policy ; Kebijakan ; Policy
against ; Dibandingkan dengan ; Against
n ; Replikasi ; Replications
mean ; Rata-rata ; Mean
ci_low ; IK 95 % bawah ; 95 % CI low
ci_high ; IK 95 % atas ; 95 % CI high
sd ; Simpangan baku ; SD
diff ; Selisih ; Difference
diff_ci_low ; Selisih, IK 95 % bawah ; Difference, 95 % CI low
diff_ci_high ; Selisih, IK 95 % atas ; Difference, 95 % CI high
diff_pct ; Selisih (%) ; Difference (%)
diff_pct_ci_low ; Selisih (%), IK 95 % bawah ; Difference (%), 95 % CI low
diff_pct_ci_high ; Selisih (%), IK 95 % atas ; Difference (%), 95 % CI high
p_value ; Nilai p ; p-value
cohen_dz ; Ukuran efek (d_z) ; Effect size (d_z)
replication ; Replikasi ke- ; Replication
year ; Tahun ; Year
level ; Jenjang ; Level
level_label ; Jenjang jabatan ; Post level
strategy ; Strategi ; Strategy
hypothesis ; Hipotesis ; Hypothesis
gain ; Kenaikan (poin) ; Gain (points)
term ; Variabel ; Term
coef ; Koefisien ; Coefficient
parameter ; Parameter ; Parameter
group ; Kelompok ; Group
estimate ; Taksiran ; Estimate
true_value ; Nilai sebenarnya ; True value
within_ci ; Dalam IK 95 % ; Within the 95 % CI
points ; Titik desain ; Design points
share_merit_wins ; Porsi merit unggul ; Share where merit wins
share_merit_wins_clearly ; Porsi merit jelas unggul ; Share where merit clearly wins
share_policy_wins_clearly ; Porsi kebijakan lain jelas unggul ; Share where the other clearly wins
mean_advantage ; Keunggulan merit rata-rata (poin) ; Merit's mean advantage (points)
advantage_p05 ; Keunggulan, persentil 5 ; Advantage, 5th percentile
advantage_p50 ; Keunggulan, median ; Advantage, median
advantage_p95 ; Keunggulan, persentil 95 ; Advantage, 95th percentile
mean_advantage_pct ; Keunggulan rata-rata (%) ; Mean advantage (%)
decided_by ; Asumsi penentu ; Deciding assumption
variant ; Mekanisme dimatikan ; Mechanism switched off
advantage ; Keunggulan (poin) ; Advantage (points)
advantage_pct ; Keunggulan (%) ; Advantage (%)
contribution ; Kontribusi (poin) ; Contribution (points)
contribution_ci_low ; Kontribusi, IK 95 % bawah ; Contribution, 95 % CI low
contribution_ci_high ; Kontribusi, IK 95 % atas ; Contribution, 95 % CI high
clear ; Keunggulan jelas ; Clear advantage
setting ; Pengaturan ; Setting
value ; Nilai ; Value
report ; Laporan ; Report
status ; Status ; Status
all mechanisms on ; semua mekanisme aktif ; all mechanisms on
demotivation ; demotivasi yang dilewati ; demotivation of those passed over
bribery ; suap jabatan ; bribes for posts
shortlist_override ; pengangkatan di luar daftar pendek ; appointments outside the shortlist
detection ; deteksi dan sanksi ; detection and sanctions
training ; diklat ; training
learning ; belajar di tempat kerja ; on-the-job learning
favouritism ; pilih kasih penilaian ; appraisal favouritism
potential ; potensi ; potential
study ; tugas belajar ; in-service study
credit_rises ; kenaikan jenjang fungsional (angka kredit) ; functional rises by credit points
acting_officials ; pelaksana tugas (Plt) ; acting officials
supervision ; pengawasan sistem merit ; merit-system supervision
supervision/none ; tanpa pengawas ; no supervisor
supervision/executive ; pengawas dalam eksekutif ; supervisor inside the executive
supervision/independent ; pengawas independen ; independent supervisor
rules.carryover.redraw_share ; kompetensi diundi ulang saat promosi ; competence redrawn on promotion
training.on_job_learning ; laju belajar di tempat kerja ; on-the-job learning rate
kkn.motivation_loss ; hilangnya motivasi yang dilewati ; motivation lost when passed over
assessment.error_sd ; galat asesmen kompetensi ; assessment error
rules.appraisal.favouritism ; pilih kasih dalam penilaian kinerja ; appraisal favouritism
policy.patronage_strength ; kekuatan patronase ; patronage strength
kkn.enforcement ; penegakan anti-KKN ; KKN enforcement
training.budget_million_rp ; anggaran diklat (juta Rp) ; training budget (million Rp)
rules.exits.attrition_rate ; laju keluar sukarela ; voluntary attrition rate
Intercept ; Konstanta ; Intercept
attrition_rate ; laju keluar sukarela (per tahun) ; voluntary attrition rate (per year)
retirement_age ; usia pensiun ; retirement age
all ; semua ; all
appraisal_record ; rekam jejak penilaian kinerja ; appraisal record
assessment ; hasil asesmen kompetensi ; competency assessment
years_in_rank ; masa dalam pangkat ; years in rank
age ; usia ; age
affinity_proxy ; proksi kedekatan dengan atasan ; affinity proxy
"""
TERMS: dict[str, dict[str, str]] = {
    k: {"id": i, "en": e} for k, i, e in (row.split(" ; ") for row in _TERMS.strip().splitlines())
}
_PLACES = {
    "default": ("Pemerintah provinsi sintetis", "A synthetic provincial government"),
    "national": ("Nasional", "National"),
    "national_2019": ("Nasional, 2019–2024", "National, 2019–2024"),
}
POLICIES = ("merit", "seniority", "patronage", "lottery", "hybrid", "best", "worst", "random", "alternate")


def check_lang(lang: str) -> None:
    """Raise ValueError for a language other than id or en."""
    if lang not in LANGS:
        raise ValueError(f"unknown lang {lang!r}: allowed values are {', '.join(map(repr, LANGS))}")


def term(key: object, lang: str) -> str:
    """The word for ``key`` in ``lang`` (booleans too); the key itself when there is none."""
    check_lang(lang)
    if isinstance(key, bool):
        key = str(key).lower()
    text = str(key)
    if text in TERMS:
        return TERMS[text][lang]
    if text.startswith("entry_education_"):
        level = text.removeprefix("entry_education_")
        return f"pendidikan saat masuk: {level}" if lang == "id" else f"education on entry: {level}"
    return text


def place(ref: str, lang: str) -> str:
    """The place a scenario stands for: ``provinces/banten`` -> "Provinsi Banten"."""
    path = Path(str(ref))
    if path.stem in _PLACES:
        return _PLACES[path.stem][0 if lang == "id" else 1]
    name = path.stem.replace("_", " ").title()
    if path.parent.name == "provinces":
        return f"Provinsi {name}" if lang == "id" else f"{name} Province"
    if path.parent.name == "supervision":  # the default province under each supervisor
        return place("default", lang)
    return name


def policy_of(scenario: str) -> str:
    """The policy part of a run's name (``banten/merit`` -> ``merit``, ``peter_principle/peter_best``
    -> ``best``), or the name."""
    last = str(scenario).rsplit("/", 1)[-1]
    if last in POLICIES:
        return last
    tail = last.rsplit("_", 1)[-1]
    return tail if tail in POLICIES else last


def scenario_label(scenario: object, lang: str) -> str:
    """A run's name for people: policies translated, ``banten/seniority`` -> "Banten: senioritas",
    ``peter_principle/peter_best`` -> "Peter: terbaik"."""
    check_lang(lang)
    text = str(scenario)
    if text in TERMS:  # e.g. supervision/independent
        return TERMS[text][lang]
    head, _, last = text.rpartition("/")
    if last in POLICIES:
        name = term(last, lang)
    elif "_" in last and last.rsplit("_", 1)[-1] in POLICIES:
        hypothesis, strategy = last.rsplit("_", 1)
        return f"{term(hypothesis, lang)}: {term(strategy, lang)}"
    else:
        name = last
    if head and head != "peter_principle":
        return f"{place(head, lang).removeprefix('Provinsi ').removesuffix(' Province')}: {name}"
    return name


def number(value: object, lang: str, digits: int = 2, sign: bool = False) -> str:
    """``value`` with ``digits`` decimals, decimal comma and thousands point in Indonesian; "–"
    when missing."""
    check_lang(lang)
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(x):
        return "–"
    text = f"{x:{'+' if sign else ''},.{digits}f}"
    if lang == "id":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text.replace("-", "−")


def percent(value: object, lang: str, digits: int = 0) -> str:
    """A share (0-1) as a percentage: ``0.25`` -> "25 %"."""
    try:
        x = 100 * float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    return f"{number(x, lang, digits)} %"
