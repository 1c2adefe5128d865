"""Loaders and scorers for the public benchmarks in ``../shared/benchmarks``."""
