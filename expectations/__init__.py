"""Great Expectations suites: the input-format contract and (later) fact-table checks.

Suites are built in code so they live next to what they check; every expectation
carries `meta.code` and a severity in GX's own field (error = GX `critical`), and
results name failing rows by `row` and, where the frame has it, `file_name`.
"""
