"""Guided tours: YAML scripts -> validated steps -> a deterministic interpreter driven by a clock."""
