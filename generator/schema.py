"""The spec format as JSON Schema: `python -m generator schema` writes spec/schema.json and
spec/taxonomy.schema.json from the records that check the files (specmodel/)."""

from __future__ import annotations

from .records import document_schema
from .shapes import JsonSchema
from .specmodel.exchange import ExchangeSpec
from .specmodel.project import TaxonomySpec


def exchange_json_schema() -> JsonSchema:
    return document_schema(ExchangeSpec, "exchange-errors exchange spec")


def taxonomy_json_schema() -> JsonSchema:
    return document_schema(TaxonomySpec, "exchange-errors taxonomy")
