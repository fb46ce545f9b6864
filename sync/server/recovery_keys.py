"""The organisation's recovery key pair, made on an offline machine, never on the server.

``outreach-server admin recovery-keygen --out DIR`` writes two files into ``DIR``:

* ``outreach-recovery-key.pem``: the RSA-3072 private key, PKCS#8 encrypted under its own
  passphrase (``BestAvailableEncryption``), mode 0600. It stays offline; an admin brings
  it to a laptop for ``outreach-cli recover`` together with its passphrase.
* ``outreach-recovery-public.pem``: the public key, the only half the server is given
  (``outreach-server admin set-recovery-key FILE``); laptops wrap their data key under it
  at enrolment.

Pure ``cryptography``: no database, no network. The passphrase is never a command-line
argument (other users can read those): it comes from a prompt or a file descriptor.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

PRIVATE_NAME = "outreach-recovery-key.pem"
PUBLIC_NAME = "outreach-recovery-public.pem"
MIN_PASSPHRASE = 12
KEY_BITS = 3072


class RecoveryKeyError(ValueError):
    """A refused recovery-key action; the message says what to do."""


def generate(out_dir: Path, passphrase: str) -> tuple[Path, Path]:
    """Make the key pair in ``out_dir`` (created 0700 if missing; neither file may exist
    yet). Returns (private, public) paths."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise RecoveryKeyError(f"The recovery key's passphrase needs at least "
                               f"{MIN_PASSPHRASE} characters; several unrelated words work "
                               "well.")
    out_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    private_path, public_path = out_dir / PRIVATE_NAME, out_dir / PUBLIC_NAME
    for path in (private_path, public_path):
        if path.exists():
            raise RecoveryKeyError(f"{path} exists already; choose an empty folder.")
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")))
    public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo)
    for path, data, mode in ((private_path, private, 0o600), (public_path, public, 0o644)):
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    return private_path, public_path


def public_pem(data: bytes) -> str:
    """``data`` checked to be an RSA public key of 3072 bits or more, as PEM text.
    A private key is refused: the server must never hold one."""
    if b"PRIVATE KEY" in data:
        raise RecoveryKeyError("That file holds a private key. Give the server only the "
                               f"public key ({PUBLIC_NAME}); keep the private key offline.")
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError:
        raise RecoveryKeyError("That file is not a PEM public key.") from None
    if not isinstance(key, rsa.RSAPublicKey) or key.key_size < KEY_BITS:
        raise RecoveryKeyError("The recovery key must be an RSA public key of 3072 bits "
                               "or more.")
    return key.public_bytes(serialization.Encoding.PEM,
                            serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")


def read_passphrase_fd(fd: int) -> str:
    """The first line readable from file descriptor ``fd`` (closed afterwards)."""
    with os.fdopen(fd, "r", encoding="utf-8", closefd=True) as fh:
        return fh.readline().rstrip("\r\n")
