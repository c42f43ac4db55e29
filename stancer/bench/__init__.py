"""Measuring: scoring a model on a benchmark (`evaluation`, `metrics`), the suites that pick
models (`suites`), baselines, speed, plots, quote extraction on PolNeAR (`quotes`), and
`stancer bench` itself (`run`).
"""
