"""The library's own error types. Each message says what was expected, what was found, and how to fix it."""


class StancerError(Exception):
    """Base class of every error stancer raises on purpose."""


class DataError(StancerError, ValueError):
    """A data file or a dataset does not have the expected shape or values."""


class ModelLoadError(StancerError, OSError):
    """A model folder or id cannot be loaded."""


class ConfigError(StancerError, ValueError):
    """A configuration file or value is invalid."""
