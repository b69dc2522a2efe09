"""A messy personnel export built in the test, with the personal data an attacker would look for.

Real-looking NIPs (birth date, CPNS month, sex, sequence) written in several ways, multi-word
names, phone numbers and e-mails in columns the mapping does not use and inside formulas, blank
rows, empty markers and eselon codes in several spellings. No real person's data.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path

import numpy as np
import pandas as pd

import meritsim
from meritsim.data.example import example_exports

SALT_HEX = "5f" * 32  # a fixed 32-byte salt for tests that do not test salts
SALT = bytes.fromhex(SALT_HEX)
FIRST = ["Bambang", "Sutrisno", "Rahmawati", "Wahyuningsih", "Kurniawati", "Hidayatullah", "Suparman",
         "Widyastuti", "Prasetyo", "Handayani", "Setiawan", "Nurhayati", "Gunawan", "Susilowati"]  # fmt: skip
LAST = ["Sihombing", "Simanjuntak", "Tambunan", "Nasution", "Siregar", "Lubis", "Hutapea", "Manurung",
        "Pangaribuan", "Sitompul", "Harahap", "Rangkuti"]  # fmt: skip
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def personalise(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` (an example export) with a realistic NIP, name, phone and e-mail per person,
    the same in every year's export (they follow the example's person id)."""
    t = table.copy()
    ids = t["NIP"].str[-10:].astype(int).to_numpy()
    born = t["Tanggal Lahir"].str.replace("-", "")
    hired = [f"{int(b[:4]) + 23 + i % 5}{i % 12 + 1:02d}" for b, i in zip(born, ids, strict=True)]
    sex = np.where(t["Jenis Kelamin"].eq("P"), "2", "1")
    t["NIP"] = [f"{b}{h}{s}{i % 1000:03d}" for b, h, s, i in zip(born, hired, sex, ids, strict=True)]
    t["Nama"] = [f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}" for i in ids]
    t["No HP"] = [f"+62 81{i % 10}-{1000 + (i * 37) % 9000}-{1000 + (i * 91) % 9000}" for i in ids]
    t["Email"] = [f"{FIRST[i % len(FIRST)].lower()}.{i}@bkd-contoh.go.id" for i in ids]
    return t


def linked_exports(scale: float = 0.03, years: int = 1) -> list[tuple[str, pd.DataFrame]]:
    """Yearly exports (date, table) of one simulated agency with personal data."""
    truth = meritsim.load_scenario("default", [f"organisation.scale={scale}"])
    return [(day, personalise(t)) for day, t in example_exports(truth, years)]


def make_messy(t: pd.DataFrame) -> pd.DataFrame:
    """The export as a careless system writes it: NIPs with spaces, full-width digits and a
    leading apostrophe, eselon spelt four ways, empty markers, and contact data in formulas."""
    m = t.copy()
    n = len(m)
    rows = np.arange(n)
    m.loc[rows % 7 == 1, "NIP"] = m.loc[rows % 7 == 1, "NIP"].map(
        lambda v: f"{v[:8]} {v[8:14]} {v[14]} {v[15:]}"
    )
    m.loc[rows % 7 == 2, "NIP"] = m.loc[rows % 7 == 2, "NIP"].map(lambda v: v.translate(FULL_WIDTH))
    m.loc[rows % 7 == 3, "NIP"] = m.loc[rows % 7 == 3, "NIP"].map(lambda v: f"'{v}")
    spellings = {"IV.a": ["IV/a", "IVa", "4a", "IV.a"], "III.a": ["III/a", "IIIa", "3a", "III.a"]}
    for code, forms in spellings.items():
        hit = np.flatnonzero(m["Eselon"].eq(code).to_numpy())
        for k, i in enumerate(hit):
            m.iloc[i, m.columns.get_loc("Eselon")] = forms[k % len(forms)]
    m.loc[m["Predikat 2"].eq(""), "Predikat 2"] = "-"
    m.loc[m["Nilai Asesmen"].eq(""), "Nilai Asesmen"] = "n/a"
    m["Catatan"] = [
        f'=HYPERLINK("mailto:{e}","{name}")' for e, name in zip(m["Email"], m["Nama"], strict=True)
    ]
    m["NIP Lama"] = m["NIP"].map(
        lambda v: (
            f'="{re.sub(r"[^0-9]", "", v.translate(str.maketrans("０１２３４５６７８９", "0123456789")))}"'
        )
    )
    return m


def write_messy_csv(df: pd.DataFrame, path: Path) -> Path:
    """CSV with a UTF-8 byte-order mark, ';' as separator and blank lines between some rows."""
    text = df.to_csv(index=False, sep=";", lineterminator="\n")
    lines = text.splitlines(keepends=True)
    out = [lines[0]]
    for i, line in enumerate(lines[1:]):
        out.append(line)
        if i % 50 == 10:
            out.append("\n")
    path.write_bytes(b"\xef\xbb\xbf" + "".join(out).encode("utf-8"))
    return path


def secrets_of(exports: list[pd.DataFrame]) -> dict[str, set[str]]:
    """Everything personal in the exports, as the leak scan looks for it."""
    t = pd.concat(exports)
    digits = {
        re.sub(r"\D", "", v.translate(str.maketrans("０１２３４５６７８９", "0123456789"))) for v in t["NIP"]
    }
    fragments = {d[i : i + 8] for d in digits for i in range(len(d) - 7)}
    names = {tok for v in t["Nama"] for tok in v.split() if len(tok) >= 4}
    phones = set(t["No HP"]) | {re.sub(r"\D", "", p) for p in t["No HP"]}
    return {
        "nip": digits,
        "nip_fragment": fragments,
        "name": names,
        "phone": phones,
        "email": set(t["Email"]),
    }


def scan_text(folder: Path) -> str:
    """Everything readable below ``folder``: text files as they are, Parquet files as their
    cells and metadata (they are compressed)."""
    import pyarrow.parquet as pq

    parts = []
    for p in sorted(folder.rglob("*")):
        if not p.is_file():
            continue
        if p.suffix == ".parquet":
            table = pq.read_table(p)
            parts.append(str(table.schema.metadata))
            parts.append(table.to_pandas().to_csv(index=False))
        else:
            parts.append(p.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts)


def leaks(text: str, found: dict[str, set[str]]) -> list[str]:
    """The personal values that occur in ``text`` (names as whole words, case-insensitive; digit
    strings anywhere but in the fraction digits of a decimal number, where they occur by chance)."""
    out = []
    lower = text.lower()
    integer_parts = set(re.findall(r"(?<![\d.])(\d+)", text))
    for kind, values in found.items():
        for v in values:
            if kind == "name":
                if re.search(rf"\b{re.escape(v.lower())}\b", lower):
                    out.append(f"{kind}: {v}")
            elif v.isdigit():  # anywhere but among a decimal number's fraction digits
                if any(v in whole for whole in integer_parts):
                    out.append(f"{kind}: {v}")
            elif v and v.lower() in lower:
                out.append(f"{kind}: {v}")
    return sorted(out)


def random_salt_file(path: Path) -> Path:
    path.write_text(secrets.token_hex(32))
    path.chmod(0o600)
    return path
