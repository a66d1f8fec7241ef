"""Type stubs of the compiled engine (src/lib.rs)."""

from pathlib import Path

URL_HEADER_RULE: str
URL_HEADER_REASON: str

class EngineError(RuntimeError): ...

class Engine:
    def __init__(self, generic_dir: Path | str, ignore: list[str] = ...) -> None: ...
    @property
    def generic_dir(self) -> Path: ...
    @property
    def ignored(self) -> list[str]: ...
    def clean(
        self,
        text: str | bytes,
        *,
        generic: bool = True,
        max_loss: float = 0.9,
        force: bool = False,
        metadata: bool = True,
        max_line_chars: int = 100_000,
        url_header: bool = False,
        site: object | None = None,
        removals: bool = True,
    ) -> tuple[
        str,
        str,
        list[tuple[str, int, int, str, tuple[int, int] | None, str]],
        list[tuple[str, str]],
        tuple[bool, float] | None,
    ]: ...
    def clean_counting(
        self,
        text: str | bytes,
        *,
        generic: bool = True,
        max_loss: float = 0.9,
        force: bool = False,
        metadata: bool = True,
        max_line_chars: int = 100_000,
        url_header: bool = False,
        site: object | None = None,
    ) -> tuple[str, str, list[tuple[str, int]], list[tuple[str, str]], tuple[bool, float] | None]: ...
    def clean_bytes(
        self,
        data: bytes,
        *,
        generic: bool = True,
        max_loss: float = 0.9,
        force: bool = False,
        max_line_chars: int = 100_000,
        url_header: bool = False,
        site: object | None = None,
    ) -> tuple[bytes, bool, int, int, list[tuple[str, int]], tuple[bool, float] | None] | None: ...
    def clean_files(
        self,
        files: list[tuple[str, str | None, int]],
        *,
        mode: int,
        max_bytes: int,
        umask: int,
        signatures: SiteSignatures | None = None,
        stages: list[object] = ...,
        generic: bool = True,
        max_loss: float = 0.9,
        force: bool = False,
        max_line_chars: int = 100_000,
    ) -> list[tuple[bool, int, int, list[tuple[str, int]], tuple[bool, float] | None] | None]: ...
    def line_test(self, rule_id: str, line: str) -> bool: ...
    def matches(self, table: str, line: str) -> bool: ...
    def shape(self, line: str) -> dict[str, object]: ...
    def detect_language(self, words: list[str]) -> str | None: ...
    def learned_rows(self, text: str) -> tuple[list[str], list[tuple[int, list[float]]]]: ...
    def end_rows(self, text: str) -> tuple[list[str], list[tuple[int, int, list[float]]]]: ...

class Literals:
    def __init__(self, keys: list[str]) -> None: ...
    def find(self, text: str) -> list[str]: ...
    def find_bytes(self, data: bytes) -> list[str]: ...

class SiteSignatures:
    def __init__(self, owners: list[tuple[str, list[int]]], min_signatures: list[int]) -> None: ...
    def detect(self, text: str) -> int | None: ...

def preload(generic_dir: Path | str) -> None: ...
def heuristics() -> list[tuple[str, str, str, str, str]]: ...
def learned_features() -> list[str]: ...
def end_features() -> list[str]: ...

class LineKeys:
    """Keys and hashes of `cleaner learn` (cleaner.learning.normalise), made by the engine."""

    def __init__(self, month: str, weekday: str) -> None: ...
    def keys(self, text: str) -> list[str]: ...
    def keyed(self, text: str) -> tuple[list[str], list[int]]: ...
    def page_hashes(self, text: str) -> list[int]: ...
    def gather(self, text: str, into: SiteEvidence) -> None: ...
    def line_hashes(self, text: str) -> tuple[list[int], bytes]: ...
    def gather_hashed(self, text: str, hashes: bytes, into: SiteEvidence) -> None: ...

def line_key_hash(key: str) -> int: ...
def doubled_candidates(text: str, shortest: int, longest: int, end: int) -> list[str]: ...

class SiteSets:
    """A site's recurring, frequent and common line hashes (cleaner.learning.count.SiteSets)."""

    def __init__(self, recurring: list[int], frequent: list[int], common: list[int]) -> None: ...

class SiteEvidence:
    """Pass 2's evidence on some pages of one site."""

    def __init__(self, sets: SiteSets | None = None) -> None: ...
    def rows(self) -> list[tuple[int, str, list[str], bool, list[int], list[float]]]: ...
    @staticmethod
    def from_rows(rows: list[tuple[int, str, list[str], bool, list[int], list[float]]]) -> SiteEvidence: ...
    def merge(self, other: SiteEvidence) -> None:
        """Fold in ``other``'s evidence, taking it (``other`` is left empty)."""
    def __len__(self) -> int: ...

class KeyStage:
    """A learned site's rules matched by key: the header line (closing at most ``head_max`` lines), the
    footer line and the line keys (see cleaner.learning.verify.KeyStage, which defines it)."""

    def __init__(self, keys: LineKeys, head: str | None, head_max: int, foot: str | None, lines: set[str]) -> None: ...
    def decide(self, lines: list[str]) -> list[tuple[str, int, int, str, tuple[int, int] | None, str]]: ...
    def clean(
        self, engine: Engine, text: str, max_line_chars: int
    ) -> list[tuple[str, int, int, str, tuple[int, int] | None, str]]: ...
    def check(
        self, engine: Engine, pages: list[tuple[str, bool | None]], max_line_chars: int
    ) -> list[
        tuple[
            list[tuple[str, int, int, str, tuple[int, int] | None, str]] | None,
            list[tuple[str, int, int, str, tuple[int, int] | None, str]],
        ]
    ]:
        """Per ``(text, plain)`` page: the plain run's removals (no site stage; ``plain``: whether the first
        line is a ``# url:`` header; None: not wanted) and ``clean``'s, the pages sharing the engine's
        line memories."""
