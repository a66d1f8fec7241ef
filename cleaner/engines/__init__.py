"""Where cleaning runs: a local process pool, or a Dask cluster."""
