"""Prefect flows and the newsfacts CLI: a thin orchestration shell."""
