"""A news archive in, one row per (article, attributed statement, target) out: the corpus job
(`analyze_corpus`), resumable and chunked, on this machine or on a Ray cluster, and its summary."""
