"""Salted pseudonyms: the same NIP always gets the same pseudonym under the same salt (so that
yearly snapshots link up), and without the salt nobody can go back to the NIP.

A NIP has little entropy (birth date, entry month, sex, a 3-digit sequence), so a weak or leaked
salt lets anyone recover NIPs by brute force from pseudonyms plus birth date and sex. Hence the
salt must be at least 32 random bytes, stored as hex, readable by its owner only, and never kept
beside the outputs.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import stat
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

SALT_BYTES = 32
_SPACES = re.compile(r"\s+")


class SaltError(ValueError):
    """A salt that would not protect the pseudonyms, or that cannot be read or created."""


def normalise_nip(nip: str) -> str:
    """The NIP as digits: Unicode NFKC (full-width digits become ASCII), spaces removed, and the
    leading apostrophe a spreadsheet adds to keep text removed."""
    text = _SPACES.sub("", unicodedata.normalize("NFKC", str(nip)))
    return text.removeprefix("'")


def pseudonym(nip: str, salt: bytes) -> str:
    """``P`` + 16 hex digits of HMAC-SHA256(salt, normalised NIP)."""
    return "P" + hmac.new(salt, normalise_nip(nip).encode(), hashlib.sha256).hexdigest()[:16]


def fingerprint(salt: bytes) -> str:
    """A public fingerprint of the salt (reveals nothing about it), stored with each snapshot so
    that snapshots pseudonymised with different salts are not linked by mistake."""
    return hmac.new(salt, b"meritsim salt fingerprint", hashlib.sha256).hexdigest()[:16]


def default_salt_path() -> Path:
    """``$XDG_CONFIG_HOME/meritsim/pseudonym-salt`` (``~/.config/...`` without it)."""
    config = os.environ.get("XDG_CONFIG_HOME")
    if config:
        return Path(config) / "meritsim" / "pseudonym-salt"
    try:
        home = Path.home()
    except RuntimeError:
        raise SaltError(
            "cannot find your home folder for the default salt file; pass --salt-file PATH"
        ) from None
    return home / ".config" / "meritsim" / "pseudonym-salt"


def _warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _shared_with_outputs(salt: Path, out_dir: Path) -> bool:
    """Whether the salt lies in the output folder (or below it). A home folder (or a folder
    above it) is never handed over whole, so the default salt below it is not counted."""
    try:
        home = Path.home()
    except RuntimeError:
        home = None
    if home is not None and _inside(home, out_dir):
        return False
    return _inside(salt, out_dir)


def _create(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise SaltError(
            f"cannot create the salt file {path}: {exc.strerror}; pass --salt-file PATH in a "
            "folder you can write (and keep it for later snapshots)"
        ) from None
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_hex(SALT_BYTES) + "\n")


def decode_salt(text: str, source: str) -> bytes:
    """The salt bytes of the hex text of ``source``; refuses empty, non-hex and short salts
    (without ever showing the salt)."""
    hex_text = text.strip()
    if not hex_text:
        raise SaltError(f"the salt file {source} is empty; delete it to have a new one made")
    try:
        salt = bytes.fromhex(hex_text)
    except ValueError:
        raise SaltError(
            f"the salt file {source} is not hexadecimal text; it must hold {2 * SALT_BYTES} or more "
            f'hex digits ({SALT_BYTES} random bytes), e.g. from `python -c "import secrets; '
            f'print(secrets.token_hex({SALT_BYTES}))"`'
        ) from None
    if len(salt) < SALT_BYTES:
        raise SaltError(
            f"the salt in {source} has {len(salt)} bytes; at least {SALT_BYTES} random bytes are "
            "needed, or NIPs could be recovered by brute force"
        )
    return salt


def load_salt(
    path: str | Path, *, out_dir: str | Path | None = None, warn: Callable[[str], None] = _warn
) -> bytes:
    """The salt in ``path``, created (random, readable by the owner only) if missing.

    Raises:
        SaltError: an empty, non-hex or short salt; a salt file inside ``out_dir`` (the folder
            the outputs go to); a salt file that cannot be read or created.
    """
    path = Path(path).expanduser()
    if out_dir is not None and _shared_with_outputs(path, Path(out_dir)):
        raise SaltError(
            f"the salt file {path} is inside the output folder {out_dir}: whoever receives the "
            "outputs could reverse the pseudonyms; keep the salt elsewhere (--salt-file)"
        )
    if not path.exists():
        _create(path)
    try:
        text = path.read_text(encoding="ascii", errors="replace")
        mode = path.stat().st_mode
    except OSError as exc:
        raise SaltError(f"cannot read the salt file {path}: {exc.strerror}") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        warn(
            f"the salt file {path} can be read by group or others (mode {stat.S_IMODE(mode):04o}); "
            f"restrict it: chmod 600 {path}"
        )
    return decode_salt(text, str(path))
