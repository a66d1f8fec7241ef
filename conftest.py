"""Doctests of modules for optional extras run only where the extra is installed."""

from importlib.util import find_spec

_EXTRAS = {
    "cleaner/engines/dask.py": "distributed",
    "cleaner/formats/parquet.py": "pyarrow",
    "cleaner/adapters/datatrove.py": "datatrove",
}

collect_ignore = [path for path, module in _EXTRAS.items() if find_spec(module) is None]
