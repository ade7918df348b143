"""Prefect flows: wiring, batching, retries, logging and artifacts around dumpflow's steps."""
