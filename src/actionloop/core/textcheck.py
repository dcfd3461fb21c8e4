"""Is a problem description specific, and is a measure concrete?

Statsforvaltaren's practice (law.md §1.4, Vestland 2019): a problem description must say *why*
the child is not safe and what keeps the situation going; a generic phrase («mobbing», «eleven har
ikke et trygt og godt skolemiljø») does not meet the requirement. Measures must be concrete enough
that the child, the home and every adult know what will be done.

The check counts the words that carry content: words that only restate the legal standard, name
the parties in general terms, or are function words do not count.
"""

from __future__ import annotations

import re
from typing import Final

_WORD: Final = re.compile(r"[^\W\d_]+", re.UNICODE)

#: Function words and words that only restate the standard or the parties, in nb, nn and en.
GENERIC: Final = frozenset("""
a an and are as at be been being by for from has have he her his i in is it its of on or she
that the their them they this was were will with who what when pupil pupils child children
student students school environment safe good not no bullying bullied being problem problems
issue issues situation case well wellbeing teacher staff adults adult measure measures follow
up monitor monitoring focus work on general generally
og i på av til for med er som det den de en et ei ein eit å at har hadde blir ble blitt vert
vart vore være vere ikke ikkje ingen ikkje seg sin sitt sine han ho hun hen dei dem deira
deres der her om over under etter fra frå mot ved hos mellom sammen saman også og eller men
så da då når kva hva hvem kven hvordan korleis noe noko nokon noen alle andre annan anna
elev eleven elevar elever elevane elevene barn barnet barna born borna skole skolen skule
skulen barnehage barnehagen klasse klassen trinn trinnet miljø miljøet skolemiljø skolemiljøet
skulemiljø skulemiljøet barnehagemiljø barnehagemiljøet klassemiljø klassemiljøet psykososialt
psykososiale trygt trygg trygge godt god gode dårlig dårleg utrygt utrygg utrygge mobbing
mobbet mobba mobbes krenkelse krenkelser krenking krenkingar krenkinger krenket krenkt
problem problemer problema problemet utfordring utfordringer utfordringar sak saka saken
situasjon situasjonen situasjoner opplever oppleve opplevd oppleving opplevelse konflikt
konflikter konfliktar tiltak tiltaka tiltakene følge følgje følges med fokus fokusere
oppfølging oppfølgjing følge_opp tett tettere jobbe jobbes arbeide arbeid arbeide generelt
vurdere vurderes vurdering ved behov trivsel trives trivast ha hatt få fått gjøre gjere
gjøres blir voksne vaksne voksen vaksen lærer lærar lærere lærarar ansatte tilsette personalet
observere observeres observasjon observasjonar observasjoner
""".split())


def content_words(text: str | None) -> list[str]:
    """The words in ``text`` that say something specific."""
    if not text:
        return []
    return [w for w in _WORD.findall(text.lower()) if w not in GENERIC and len(w) > 1]


#: Characters that are never part of a word and often cling to one («gym.», «(kontaktlærer)»).
_PUNCTUATION: Final = ".,;:!?()[]{}«»\"'“”‘’-–—/…*"


def _count_content(words: list[str]) -> int:
    """How many of ``words`` say something specific."""
    lowered = (w.lower() for w in words)
    return sum(1 for w in lowered if len(w) > 1 and w not in GENERIC)


def _has_content(text: str | None, minimum: int) -> bool:
    """Whether ``text`` has at least ``minimum`` content words; stops as soon as it has.

    The words are those of :data:`_WORD` (runs of letters), found without the regular expression
    where it is not needed: whitespace never lies inside a word, so the text is split on it first;
    a token that is all letters (perhaps after stripping punctuation from its ends) is one word,
    and only the rare other token (digits, inner punctuation) goes through :data:`_WORD`.
    """
    if not text:
        return False
    found = 0
    for token in text.split():
        if not token.isalpha():
            token = token.strip(_PUNCTUATION)
            if not token.isalpha():
                found += _count_content(_WORD.findall(token))
                if found >= minimum:
                    return True
                continue
        word = token.lower()
        if len(word) > 1 and word not in GENERIC:
            found += 1
            if found >= minimum:
                return True
    return False


def problem_is_specific(text: str | None, minimum: int = 4) -> bool:
    """Whether a problem description says more than a generic phrase."""
    return _has_content(text, minimum)


def measure_is_concrete(text: str | None, minimum: int = 2) -> bool:
    """Whether a measure says what will be done, concretely."""
    return _has_content(text, minimum)
