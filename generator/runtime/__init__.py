"""The hand-written modules of the generated package, each copied verbatim into
`generated/exchange_errors/`; this `__init__` is not (the package's own comes from the specs).
They import nothing generated: the exchange modules hand them their classes and taxonomy."""
