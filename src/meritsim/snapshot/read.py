"""Reading an export (CSV or Excel) with clear errors for empty files and wrong encodings."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


class ImportError_(ValueError):
    """An export that cannot be read at all; the message names the file and the reason."""


def read_export(path: str | Path, encoding: str = "utf-8") -> pd.DataFrame:
    """All cells as text (so that NIP and codes keep their leading zeros), header in row 1."""
    path = Path(path)
    if not path.is_file():
        raise ImportError_(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise ImportError_(f"{path}: the file is empty")
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            df = pd.read_excel(path, dtype=str, keep_default_na=False)
        else:
            df = pd.read_csv(
                path, dtype=str, keep_default_na=False, encoding=encoding, sep=None, engine="python"
            )
    except UnicodeDecodeError as exc:
        raise ImportError_(
            f"{path}: not readable as {encoding} (byte {exc.object[exc.start : exc.start + 1]!r} at position "
            f"{exc.start}); save it as UTF-8, or pass its encoding (e.g. --encoding cp1252)"
        ) from None
    except (pd.errors.EmptyDataError, pd.errors.ParserError, ValueError, OSError) as exc:
        raise ImportError_(f"{path}: cannot be read as a table: {exc}") from None
    if df.empty:
        raise ImportError_(f"{path}: the file has a header but no rows")
    return df
