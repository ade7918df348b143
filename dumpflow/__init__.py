"""dumpflow: turn scraped article dumps into a deduplicated DuckDB catalogue.

The package is the engine: pure steps that take and return the records in
`schemas.records`. Prefect lives in `flows/`; nothing here imports it at
module level, so every step can be tested and benchmarked without a server.
"""

__version__ = "0.1.0"
