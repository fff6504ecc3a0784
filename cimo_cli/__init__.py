"""The `cimo` command line: a thin layer above `cimo` and `generator` that owns all terminal
output and turns every failure into a plain message."""
