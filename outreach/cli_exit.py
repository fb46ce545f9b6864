"""``outreach-cli`` exit codes: what happened, for scripts. Declared once here; shown in
``outreach-cli --help`` and docs/admin.md ("Exit codes for scripts").

The numbers follow sysexits.h where one fits: a script can retry on
:data:`UNAVAILABLE` later, must not retry the same credentials on
:data:`CREDENTIALS_REFUSED`, and should tell an admin on :data:`UNTRUSTED_SERVER` or
:data:`REVOKED`.
"""

from __future__ import annotations

OK = 0
FAILED = 1                 # refused: invalid data, a wrong key file, anything else
USAGE = 2                  # a mistake in the command (argparse uses 2 too)
UNAVAILABLE = 75           # EX_TEMPFAIL: server unreachable, busy or failing: try later
UNTRUSTED_SERVER = 76      # EX_PROTOCOL: the server did not prove who it is (TLS)
CREDENTIALS_REFUSED = 77   # EX_NOPERM: passphrase, enrolment code or laptop credential
REVOKED = 79               # this laptop was revoked; its Outreach data has been erased
INTERRUPTED = 130          # Ctrl+C

MEANINGS: tuple[tuple[int, str], ...] = (
    (OK, "done"),
    (FAILED, "refused: invalid data or another failure (the message says which)"),
    (USAGE, "a mistake in the command: unknown option, missing profile, ..."),
    (UNAVAILABLE, "the server cannot be reached or is busy: changes are kept; try later"),
    (UNTRUSTED_SERVER, "the server did not prove it is the one enrolled with: tell your "
                       "admin"),
    (CREDENTIALS_REFUSED, "credentials refused: wrong passphrase, enrolment code, or the "
                          "laptop's credential"),
    (REVOKED, "this laptop was revoked and its Outreach data erased"),
    (INTERRUPTED, "interrupted"),
)

# Sync failure codes (``SyncFailed.code``: the server's ErrorCode or a local one).
_SYNC: dict[str, int] = {
    "network": UNAVAILABLE,
    "rate_limited": UNAVAILABLE,
    "locked_out": UNAVAILABLE,          # wait, then the right credential works again
    "internal": UNAVAILABLE,
    "http_error": UNAVAILABLE,
    "tls": UNTRUSTED_SERVER,
    "unauthorized": CREDENTIALS_REFUSED,
    "forbidden": CREDENTIALS_REFUSED,
    "code_invalid": CREDENTIALS_REFUSED,
    "code_expired": CREDENTIALS_REFUSED,
    "code_used": CREDENTIALS_REFUSED,
    "device_revoked": REVOKED,
    "not_enrolled": USAGE,
    "already_enrolled": USAGE,
    "bad_url": USAGE,
    "cancelled": INTERRUPTED,
}


def for_sync(code: str) -> int:
    """The exit code for a sync failure ``code``."""
    return _SYNC.get(code, FAILED)


def help_epilog() -> str:
    return "exit codes:\n" + "\n".join(f"  {n:>3}  {text}" for n, text in MEANINGS)
