"""Compiles the YAML error specs in spec/ into the exchange_errors package."""
