"""Type stubs of the compiled engine (src/lib.rs)."""

from pathlib import Path

URL_HEADER_RULE: str
URL_HEADER_REASON: str

class EngineError(RuntimeError): ...

class Engine:
    def __init__(self, generic_dir: Path | str) -> None: ...
    @property
    def generic_dir(self) -> Path: ...
    def clean(
        self,
        text: str,
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
        text: str,
        *,
        generic: bool = True,
        max_loss: float = 0.9,
        force: bool = False,
        metadata: bool = True,
        max_line_chars: int = 100_000,
        url_header: bool = False,
        site: object | None = None,
    ) -> tuple[str, str, list[tuple[str, int]], list[tuple[str, str]], tuple[bool, float] | None]: ...
    def line_test(self, rule_id: str, line: str) -> bool: ...
    def matches(self, table: str, line: str) -> bool: ...
    def shape(self, line: str) -> dict[str, object]: ...
    def detect_language(self, words: list[str]) -> str | None: ...
    def learned_rows(self, text: str) -> tuple[list[str], list[tuple[int, list[float]]]]: ...

class Literals:
    def __init__(self, keys: list[str]) -> None: ...
    def find(self, text: str) -> list[str]: ...

def preload(generic_dir: Path | str) -> None: ...
def heuristics() -> list[tuple[str, str, str, str, str]]: ...
def learned_features() -> list[str]: ...
