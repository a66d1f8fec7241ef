"""A short made-up news story shared by the bench scripts' tests: three paragraphs of 28, 27 and 27 words
(25, 24 and 24 shingles), all different, so no line repeats another."""

from __future__ import annotations

FLOOD_PARAGRAPHS = [
    "The river rose on Monday and the council met to decide what it should do about the flood walls "
    "that the storms of winter had left badly cracked.",
    "Residents along the lower bank moved their cars to higher ground on Sunday night after the police "
    "went from door to door with warnings about the water.",
    "By the morning the old bridge was closed to traffic and the school on the hill had opened its hall "
    "to families who could not get home.",
]
