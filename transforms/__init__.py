"""newsfacts library core: staging, format checks, extraction and shaping.

Everything here is a plain function from data to data. Nothing imports Prefect.
"""
