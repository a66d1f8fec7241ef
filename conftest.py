"""Doctests of modules for optional extras run only where the extra is installed; a private pattern cache."""

import atexit
import os
import shutil
import tempfile
from importlib.util import find_spec

# Tests never read or write the user's compiled-pattern cache (cleaner.regex_cache): one of their own,
# shared by the CLI processes they start, removed at the end.
os.environ["CLEANER_CACHE_DIR"] = _CACHE_DIR = tempfile.mkdtemp(prefix="cleaner-test-cache-")
os.environ.pop("CLEANER_NO_CACHE", None)
atexit.register(shutil.rmtree, _CACHE_DIR, ignore_errors=True)

_EXTRAS = {
    "cleaner/engines/dask.py": "distributed",
    "cleaner/formats/parquet.py": "pyarrow",
    "cleaner/adapters/datatrove.py": "datatrove",
}

collect_ignore = [path for path, module in _EXTRAS.items() if find_spec(module) is None]
