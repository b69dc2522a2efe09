"""Salted pseudonyms: the same NIP always gets the same pseudonym under the same salt (so that
yearly snapshots link up), and without the salt nobody can go back to the NIP."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path


def load_salt(path: str | Path) -> bytes:
    """The salt in ``path``, created (random, readable by the owner only) if missing. Keep it
    secret and out of any output folder."""
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
    return bytes.fromhex(path.read_text().strip())


def pseudonym(nip: str, salt: bytes) -> str:
    """``P`` + 16 hex digits of HMAC-SHA256(salt, NIP)."""
    return "P" + hmac.new(salt, nip.strip().encode(), hashlib.sha256).hexdigest()[:16]
