"""Input and output formats: JSONL record streams, Parquet row batches, HTML pages."""
