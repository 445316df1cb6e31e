"""Reads an exchange's envelope, its matching rules and its codes as the IR holds them."""

from __future__ import annotations

from .ir import Envelope, Matching
from .patterns import normalize
from .specmodel.exchange import EnvelopeSpec, MatchingSpec


def dotted(path: str | None) -> tuple[str, ...] | None:
    return tuple(path.split(".")) if path else None


def item_path(path: str) -> tuple[str, ...]:
    """A dotted path whose `name[]` segments stand for every item of the list `name`."""
    segments: list[str] = []
    for segment in path.split("."):
        if segment.endswith("[]"):
            segments += [segment[:-2], "[]"]
        else:
            segments.append(segment)
    return tuple(segments)


def parse_envelope(spec: EnvelopeSpec) -> Envelope:
    return Envelope(
        code_type=spec.code_type or "int",
        code_field=dotted(spec.code_field),
        code_pattern=spec.code_pattern,
        message_field=dotted(spec.message_field),
        error_list_field=dotted(spec.error_list_field),
        item_list_field=dotted(spec.item_list_field),
        item_code_field=dotted(spec.item_code_field),
        item_message_field=dotted(spec.item_message_field),
        success_codes=spec.success_codes,
        code_absent_means_success=spec.code_absent_means_success,
        required_fields=tuple(tuple(f.split(".")) for f in spec.required_fields),
        warning_prefix=spec.warning_prefix,
        status_fields=tuple(
            (item_path(entry.field), entry.success, dotted(entry.message) or ())
            for entry in spec.status_fields
        ),
        success_data_field=dotted(spec.success_data_field),
        message_code_separator=spec.message_code_separator,
        item_id_fields=spec.item_id_fields,
        item_sub_code_field=dotted(spec.item_sub_code_field),
        failure_flags=tuple(
            (tuple(entry.field.split(".")), entry.values) for entry in spec.failure_flags
        ),
    )


def parse_matching(spec: MatchingSpec | None) -> Matching:
    if spec is None:
        return Matching(
            case_sensitive=False,
            trailing_punctuation="",
            detail_separators=(),
            code_separator=None,
            gloss_separator=None,
        )
    return Matching(
        case_sensitive=spec.case_sensitive,
        trailing_punctuation=spec.trailing_punctuation,
        detail_separators=spec.detail_separators,
        code_separator=spec.code_separator,
        gloss_separator=spec.gloss_separator,
    )


def code_key(code: int | str, envelope: Envelope, matching: Matching) -> int | str:
    """String codes are looked up normalized, like messages; numbers as they are."""
    if envelope.code_type == "string" and isinstance(code, str):
        return normalize(code, matching)
    return code


def parse_statuses(
    raw: int | str | tuple[int | str, ...],
) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...]]:
    """A status, a pattern such as 5xx, or a list of them: (statuses, inclusive ranges)."""
    values = list(raw) if isinstance(raw, tuple) else [raw]
    statuses: list[int] = []
    ranges: list[tuple[int, int]] = []
    for value in values:
        if isinstance(value, int):
            statuses.append(value)
        else:
            digits = str(value).rstrip("x")
            width = len(str(value)) - len(digits)
            ranges.append((int(digits) * 10**width, (int(digits) + 1) * 10**width - 1))
    return tuple(statuses), tuple(ranges)
