"""Passphrase strength, estimated by zxcvbn (Dropbox's estimator, maintained on PyPI).

zxcvbn scores 0–4 from the number of guesses an attacker with dictionaries, common
passwords, names, keyboard patterns, dates and l33t substitutions would need. We refuse
anything below :data:`FLOOR` = 3 ("safely unguessable: moderate protection from an
offline slow-hash scenario", about 10^8 guesses or more). The key file can be copied off a
lost laptop and attacked offline, where only Argon2id's cost (a few guesses per second
per core) and this estimate stand between a thief and the data; 10^8 guesses at that
cost are years of one machine's time, 10^6 (score 2) are days.

Threading: pure computation, a few milliseconds; any thread.
"""

from __future__ import annotations

from dataclasses import dataclass

FLOOR = 3
MAX_CHECKED = 100          # zxcvbn's cost grows with length; longer ones are scored on a prefix
WORDS = ("Very weak", "Weak", "Fair", "Good", "Strong")


@dataclass(frozen=True)
class Strength:
    score: int           # 0..4
    warning: str         # zxcvbn's warning, or ""
    suggestions: tuple[str, ...]

    @property
    def acceptable(self) -> bool:
        return self.score >= FLOOR

    @property
    def label(self) -> str:
        return WORDS[self.score]

    def reason(self) -> str:
        """Why it is refused and what to do next, in one or two sentences."""
        parts = [self.warning] if self.warning else []
        parts += list(self.suggestions)
        if not parts:
            parts = ["It would be too easy to guess."]
        return " ".join(p if p.endswith(".") else p + "." for p in parts)


def estimate(passphrase: str, *, user_inputs: tuple[str, ...] = ()) -> Strength:
    """zxcvbn's estimate for ``passphrase`` (empty: score 0)."""
    if not passphrase:
        return Strength(0, "", ("Choose a passphrase: a few unrelated words works well.",))
    from zxcvbn import zxcvbn

    result = zxcvbn(passphrase[:MAX_CHECKED], user_inputs=list(user_inputs))
    feedback = result.get("feedback") or {}
    return Strength(int(result["score"]), str(feedback.get("warning") or ""),
                    tuple(str(s) for s in feedback.get("suggestions") or ()))


def check(passphrase: str, *, user_inputs: tuple[str, ...] = ()) -> None:
    """Raise :class:`outreach.store.vault.WeakPassphrase` below the floor, saying why."""
    from outreach.store.vault import WeakPassphrase

    found = estimate(passphrase, user_inputs=user_inputs)
    if not found.acceptable:
        raise WeakPassphrase("That passphrase is too easy to guess. " + found.reason()
                             + " Three or four unrelated words make a strong one.")
