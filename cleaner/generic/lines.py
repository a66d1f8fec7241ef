"""The line-kind heuristics driven by phrase files: cross-links, metadata, captions, legal, prompts."""

from __future__ import annotations

from cleaner.generic.linematch import phrase_line_heuristic

CROSS_LINK = phrase_line_heuristic(
    "generic.cross-link",
    "cross-links",
    "cross-link to another article",
    "Drops a line that points to another page: a label such as `Read also`, `ALSO READ`, `WATCH`, "
    "`Related:`, `Lesen Sie auch:` followed by a separator and a title, or a bare `Read more` / "
    "`Weiterlesen` link. Labels by language in rules/generic/cross-links.toml.",
    "ALSO READ | Markets slide as rates rise",
)

METADATA_LINE = phrase_line_heuristic(
    "generic.metadata-line",
    "metadata",
    "byline, timestamp or reading-time line",
    "Drops bylines (`By Jane Doe`, `Von Max Muster`), publish/update stamps (`Published 01/12/2024`, "
    "`Aktualisiert am ...`), relative times (`2 hours ago`) and reading time (`5 min read`). "
    "Patterns in rules/generic/metadata.toml.",
    "Updated: 12 March 2024, 10:08 AM",
)

CAPTION = phrase_line_heuristic(
    "generic.caption",
    "captions",
    "picture caption or photo credit",
    "Drops picture credits and captions by their shape: `Photo: AFP`, `© Reuters. ...`, "
    "`... (Photo: Agence France-Presse)`, `REUTERS/Name`, a line ending in `/ Getty Images`. "
    "Patterns in rules/generic/captions.toml.",
    "Protesters gather outside parliament. (Photo: Agence France-Presse)",
)

LEGAL_LINE = phrase_line_heuristic(
    "generic.legal-line",
    "legal",
    "legal, copyright or policy line",
    "Drops copyright and rights notices (`All rights reserved`, `Alle Rechte vorbehalten`), risk "
    "disclosures and disclaimers, and bare links to terms, privacy and imprint pages. "
    "Phrases in rules/generic/legal.toml.",
    "© 2007-2024 Example Media Limited. All Rights Reserved.",
)

PROMPT_LINE = phrase_line_heuristic(
    "generic.prompt-line",
    "prompts",
    "share button, app, cookie, newsletter or comment prompt",
    "Drops share-button labels (`Share`, `Tweet`, `WhatsApp`), login and newsletter prompts, "
    "cookie notices and comment-form text. Phrases in rules/generic/prompts.toml; longer lines stay.",
    "Enable Notifications OK",
)
