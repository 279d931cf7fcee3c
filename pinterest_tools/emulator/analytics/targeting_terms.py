"""Ad-targeting terms: related and suggested terms, made up deterministically.

Pinterest's answers come from search data the emulator does not have, so it builds them
from the input: related terms pair the term with modifiers chosen by a hash of the term,
suggestions complete it with modifiers in a hash-given order. The same input always gives
the same terms, different inputs give different ones, and the lists look like the real
thing ("workout plan", "home workout") to someone reading a command's output.
"""

from __future__ import annotations

from pinterest_tools.emulator.analytics.metric_values import unit

_AFTER = (
    "ideas", "inspiration", "aesthetic", "outfits", "recipes", "for beginners", "at home", "diy", "tips",
    "quotes", "plan", "decor", "essentials", "for women", "for men", "for kids", "on a budget", "guide",
)  # fmt: skip
_BEFORE = ("easy", "best", "simple", "cute", "modern", "vintage", "healthy", "summer", "winter", "home")

RELATED_PER_TERM = 5


def _ranked(term: str, words: tuple[str, ...]) -> list[str]:
    return sorted(words, key=lambda word: unit("term", term.lower(), word))


def related(term: str) -> list[str]:
    """A few terms related to ``term``: modifiers before and after it."""
    clean = " ".join(term.lower().split())
    before = [f"{word} {clean}" for word in _ranked(clean, _BEFORE)[:2]]
    after = [f"{clean} {word}" for word in _ranked(clean, _AFTER)[: RELATED_PER_TERM - 2]]
    return [*before, *after]


def suggested(term: str, limit: int) -> list[str]:
    """Completions of ``term``, best first (at most ``limit``)."""
    clean = " ".join(term.lower().split())
    return [f"{clean} {word}" for word in _ranked(clean, _AFTER)[:limit]]
