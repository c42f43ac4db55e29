"""One module per registered benchmark; each defines ``BENCHMARK`` (a `stancer.data.registry.Benchmark`)."""
