"""Labels of charts and tables in Indonesian and English: a table of chart words, and every
outcome's labels from the outcome registry."""

from __future__ import annotations

from meritsim.model.outcomes import OUTCOMES
from meritsim.workbench.vocabulary import LANGS, check_lang, term

__all__ = ["LABELS", "LANGS", "check_lang", "label"]

_LABEL_TABLE = """
scenario ; Skenario ; Scenario
year ; Tahun ; Year
mean ; Rata-rata ; Mean
ci_low ; Batas bawah IK 95 % ; 95 % CI low
ci_high ; Batas atas IK 95 % ; 95 % CI high
n ; Jumlah replikasi ; Replications
effectiveness ; Efektivitas (%) ; Effectiveness (%)
title_effectiveness ; Efektivitas organisasi (IK 95 %) ; Organisational effectiveness (95 % CI)
level ; Jenjang jabatan ; Level
level_label ; Jenjang jabatan ; Level
mean_competence ; Kompetensi rata-rata (skala 1–10) ; Mean competence (scale 1–10)
title_competence ; Kompetensi per jenjang, tahun {year} (IK 95 %) ; Competence by level, year {year} (95 % CI)
title_outcome ; {outcome}: rata-rata per skenario (IK 95 %) ; {outcome}: mean by scenario (95 % CI)
box ; Kotak talenta ; Talent box
box_share ; Porsi pegawai ; Share of staff
title_boxes ; Sebaran pegawai pada 9 kotak talenta ; Staff across the 9 talent boxes
high_performer_share ; Porsi berkinerja di atas ekspektasi ; Share above expectations
title_high_performers ; Berkinerja tinggi di dua jenjang teratas ; High performers in the two highest levels
outcome ; Luaran ; Outcome
difference ; Selisih terhadap {baseline} (IK 95 %) ; Difference from {baseline} (95 % CI)
title_forest ; Selisih berpasangan terhadap pembanding ; Paired differences from the baseline
hypothesis ; Hipotesis ; Hypothesis
strategy ; Strategi promosi ; Promotion strategy
gain ; Kenaikan efektivitas (poin %) ; Effectiveness gain (% points)
title_peter ; Prinsip Peter: kenaikan efektivitas per strategi ; Peter principle: gain by strategy
peter ; Hipotesis Peter ; Peter hypothesis
common_sense ; Hipotesis akal sehat ; Common-sense hypothesis
best ; Terbaik ; Best
worst ; Terburuk ; Worst
random ; Acak ; Random
alternate ; Bergantian ; Alternate
parameter ; Parameter ; Parameter
index ; Indeks ; Index
index_value ; Nilai indeks (± IK 95 %) ; Index value (± 95 % CI)
S1 ; S1 (orde pertama) ; S1 (first order)
ST ; ST (total) ; ST (total)
mu_star ; μ* (Morris) ; μ* (Morris)
title_sensitivity ; Indeks sensitivitas per luaran ; Sensitivity indices by outcome
term ; Variabel ; Term
coef ; Koefisien (IK 95 %) ; Coefficient (95 % CI)
title_tornado ; Pengaruh parameter (regresi OLS) ; Parameter effects (OLS regression)
title_logit ; Faktor promosi (regresi logit) ; What predicts promotion (logit regression)
logit_coef ; Koefisien logit terstandar (IK 95 %) ; Standardised logit coefficient (95 % CI)
age_band ; Kelompok umur (tahun) ; Age band (years)
pyramid_x ; ← Laki-laki | Perempuan → ; ← Men | Women →
count ; Jumlah pegawai ; Employees
sex ; Jenis kelamin ; Sex
men ; Laki-laki ; Men
women ; Perempuan ; Women
golongan ; Golongan ; Grade (golongan)
title_pyramid ; Piramida umur ASN ; Age pyramid of civil servants
title_pyramid_year ; Piramida umur ASN, tahun {year} ; Age pyramid of civil servants, year {year}
flow ; Arus ; Flow
per_year ; Jumlah per tahun (rata-rata replikasi) ; Number per year (mean of replications)
promotions ; Promosi jabatan ; Promotions to posts
rank_promotions ; Kenaikan pangkat ; Rank promotions
exits ; Keluar ; Exits
hires ; Rekrutmen (CPNS dan PPPK) ; Hires (CPNS and PPPK)
title_flows ; Arus pegawai per tahun ; Staff flows per year
variant ; Mekanisme yang dimatikan ; Mechanism switched off
contribution ; Kontribusi pada keunggulan (poin, IK 95 %) ; Contribution to the advantage (points, 95 % CI)
title_decomposition ; Sumber keunggulan {policy} atas {against} ; Why {policy} leads {against}
report ; Laporan ; Report
province_diff ; Selisih efektivitas dari merit (poin, IK 95 %) ; Effectiveness minus merit (points, 95 % CI)
title_provinces ; Merit dibandingkan kebijakan lain, per laporan ; Merit against the other policies, by report
population ; Populasi ; Population
date ; Tanggal ; Date
headcount ; Jumlah pegawai (orang) ; Headcount (persons)
model ; Model (garis; rentang replikasi) ; Model (line; range of replications)
statistic ; Statistik BKN (kotak) ; BKN statistic (square)
title_validation_totals ; Jumlah pegawai: model dan statistik BKN ; Headcounts: the model and BKN's statistics
figure ; Angka ; Figure
error ; Galat ; Error
error_unit ; Satuan galat ; Error unit
error_axis ; Galat: poin (porsi), % (jumlah); abu-abu: toleransi ; Error: points (shares), % (totals)
within ; Dalam toleransi ; Within tolerance
role ; Peran angka ; Role of the figure
title_validation_errors ; Galat setiap angka terhadap statistik BKN ; Each figure's error, BKN's figures
"""
LABELS: dict[str, dict[str, str]] = {
    k: {"id": i, "en": e} for k, i, e in (row.split(" ; ") for row in _LABEL_TABLE.strip().splitlines())
}


def label(key: str, lang: str) -> str:
    """The label of ``key`` in ``lang`` ("id" or "en"): a chart word, an outcome (from the
    registry), a report word (:data:`meritsim.workbench.vocabulary.TERMS`), or the key itself."""
    check_lang(lang)
    if key in LABELS:
        return LABELS[key][lang]
    if key in OUTCOMES:
        return OUTCOMES[key].label(lang)
    return term(key, lang)
