"""The admin of the implementation: reference lists, catalogue, funding and reports."""

from . import catalogue, funding, reference  # noqa: F401 - each registers its models
