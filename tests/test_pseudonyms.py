"""Pseudonyms that cannot be reversed: strong salts only, kept private and away from outputs."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from meritsim.cli import main
from meritsim.data.importer import import_workforce
from meritsim.data.mapping import ImportMapping
from meritsim.data.pseudonym import SaltError, load_salt, normalise_nip, pseudonym
from personnel import SALT, linked_exports


@pytest.fixture(scope="module")
def export_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("in") / "export.csv"
    linked_exports()[0][1].to_csv(path, index=False)
    return path


def run_import(export_file, out, salt_file, env=None):
    args = ["import-workforce", str(export_file), "--out", str(out)]
    if salt_file is not None:
        args += ["--salt-file", str(salt_file)]
    return CliRunner(env=env).invoke(main, args)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "is empty"),
        ("  \n\t ", "is empty"),
        ("ab" * 31, "has 31 bytes; at least 32"),
        ("not hex at all, but long enough to be 32 bytes long......", "is not hexadecimal"),
        ("zz" * 32, "is not hexadecimal"),
    ],
)
def test_weak_salts_are_refused_without_showing_them(export_file, tmp_path, content, expected):
    salt = tmp_path / "salt"
    salt.write_text(content)
    salt.chmod(0o600)
    result = run_import(export_file, tmp_path / "out" / "a.yaml", salt)
    assert result.exit_code == 2 and expected in result.output and "Traceback" not in result.output
    if content.strip():
        assert content.strip() not in result.output
    assert not (tmp_path / "out" / "a.yaml").exists()


def test_a_new_salt_is_strong_and_private(tmp_path):
    salt = load_salt(tmp_path / "dir" / "salt")
    assert len(salt) >= 32 and (tmp_path / "dir" / "salt").stat().st_mode & 0o077 == 0
    assert load_salt(tmp_path / "dir" / "salt") == salt


def test_a_salt_others_can_read_is_warned_about(export_file, tmp_path):
    salt = tmp_path / "salt"
    salt.write_text(SALT.hex())
    salt.chmod(0o644)
    result = run_import(export_file, tmp_path / "out" / "a.yaml", salt)
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr and "chmod 600" in result.stderr and "0644" in result.stderr


def test_a_salt_inside_the_output_folder_is_refused(export_file, tmp_path):
    (tmp_path / "out").mkdir()
    salt = tmp_path / "out" / "keys" / "salt"
    result = run_import(export_file, tmp_path / "out" / "a.yaml", salt)
    assert result.exit_code == 2 and "inside the output folder" in result.output
    assert not salt.exists()


def test_an_unwritable_salt_folder_or_home_is_a_clear_error(export_file, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    result = run_import(export_file, tmp_path / "out" / "a.yaml", blocker / "salt")
    assert result.exit_code == 2 and "cannot create the salt file" in result.output
    assert "--salt-file" in result.output and "Traceback" not in result.output
    env = {"XDG_CONFIG_HOME": str(blocker / "config"), "HOME": str(blocker)}  # the default place
    result = run_import(export_file, tmp_path / "out" / "a.yaml", None, env=env)
    assert result.exit_code == 2 and "cannot create the salt file" in result.output
    assert "Traceback" not in result.output


def test_the_library_refuses_a_short_salt(export_file, tmp_path):
    with pytest.raises(SaltError, match="at least 32"):
        import_workforce(export_file, ImportMapping(), b"", tmp_path / "a.yaml")


def test_nip_is_normalised_before_hashing():
    nip = "198501012010011001"
    for spelling in (
        "１９８５０１０１２０１００１１００１",  # full-width digits
        "19850101 201001 1 001",
        "'198501012010011001",
        " 198501012010011001\u00a0",
    ):
        assert normalise_nip(spelling) == nip
        assert pseudonym(spelling, SALT) == pseudonym(nip, SALT)
    assert pseudonym(nip, SALT) != pseudonym(nip, bytes(32)) and nip not in pseudonym(nip, SALT)


def test_the_default_salt_location_is_outside_a_home_output_folder(export_file, tmp_path):
    env = {"XDG_CONFIG_HOME": str(tmp_path / "home" / ".config"), "HOME": str(tmp_path / "home")}
    os.makedirs(tmp_path / "home")
    for out in (tmp_path / "work" / "a.yaml", tmp_path / "home" / "a.yaml"):
        result = run_import(export_file, out, None, env=env)
        assert result.exit_code == 0, result.output
    assert (tmp_path / "home" / ".config" / "meritsim" / "pseudonym-salt").exists()
