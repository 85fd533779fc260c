"""Great Expectations suites: the input-format contract and (later) fact-table checks.

Suites are built in code so they live next to what they check; every expectation
carries `meta.code` and `meta.severity`, which map row-level failures back to
files and format codes.
"""
