"""Prose for the synthetic demo caseload, built from the templates in resources/demo.

:class:`Voice` fills templates for one synthetic person (their name, pronouns and the
people and places in their life) so notes read as one person's story and full-text
search finds meaningful words. Everything is drawn from one :class:`random.Random`, so
the same seed gives the same text. Pure functions of their inputs; no I/O after loading.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from outreach.config import RESOURCES

_SLOT = re.compile(r"\{(\w+)\}")
_SINGULAR = re.compile(r"\b(he|she|He|She) (have|look|feel|want)\b")
PRONOUN_FORMS = {"she/her": ("she", "her", "her"), "he/him": ("he", "him", "his"),
                 "they/them": ("they", "them", "their")}


@lru_cache(maxsize=1)
def material() -> dict[str, Any]:
    """The demo material (names, places, sentence templates), loaded once."""
    path = RESOURCES / "demo" / "caseload.json"
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def _third_person(match: re.Match[str]) -> str:
    verb = match.group(2)
    return f"{match.group(1)} {'has' if verb == 'have' else verb + 's'}"


@dataclass
class Voice:
    """Fills templates for one person, with a few details fixed for their whole story."""

    rng: random.Random
    name: str
    pronouns: str
    slots: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        m = material()
        they, them, their = PRONOUN_FORMS.get(self.pronouns, PRONOUN_FORMS["they/them"])
        close = self.rng.choice(m["close_people"])
        matters = self.rng.choice(m["what_matters"])
        self.slots.update(
            name=self.name, pronoun_they=they, pronoun_them=them, pronoun_their=their,
            close_mine=f"my {close}", close_mine_cap=f"My {close}",
            close_theirs=f"{their} {close}",
            activity=self.rng.choice(m["activities"]), worry=self.rng.choice(m["worries"]),
            what_matters=matters, what_matters_cap=matters[:1].upper() + matters[1:])

    def fill(self, template: str) -> str:
        """``template`` with its slots filled; a few slots vary from sentence to sentence."""
        m = material()

        def slot(match: re.Match[str]) -> str:
            key = match.group(1)
            if key == "place":
                return str(self.rng.choice(m["places"]))
            if key == "day":
                return str(self.rng.choice(m["days"]))
            if key == "feeling":
                return str(self.rng.choice(m["feelings"]))
            if key == "worry" and self.rng.random() < 0.3:
                return str(self.rng.choice(m["worries"]))
            return self.slots.get(key, match.group(0))

        text = _SLOT.sub(slot, template)
        if self.slots["pronoun_they"] != "they":
            text = _SINGULAR.sub(_third_person, text)
        return text[:1].upper() + text[1:]

    def pick(self, key: str) -> str:
        return self.fill(self.rng.choice(material()[key]))

    def conversation(self, *, setting: str, kind: str, words: int) -> str:
        """Notes of about ``words`` words: an opening, the body, a closing line."""
        m = material()
        parts = [self.fill(self.rng.choice(m["settings_open"][setting]))]
        if kind == "welcome":
            welcome = list(m["welcome"])
            self.rng.shuffle(welcome)
            parts.extend(self.fill(t) for t in welcome[:self.rng.randint(3, 6)])
        elif kind == "review":
            parts.append(self.fill("We looked back over the last few weeks and at "
                                   "{pronoun_their} goals together."))
        body = list(m["body"])
        self.rng.shuffle(body)
        closing = self.fill(self.rng.choice(m["close"]))
        count = sum(len(p.split()) for p in parts) + len(closing.split())
        for template in body * 3:
            if count >= words:
                break
            sentence = self.fill(template)
            parts.append(sentence)
            count += len(sentence.split())
        parts.append(closing)
        paragraphs, current = [], []
        for sentence in parts:
            current.append(sentence)
            if len(current) >= self.rng.randint(3, 5):
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
        return "\n\n".join(paragraphs)
