"""The clean text as markup: each mention a `<mark>`, removed boilerplate folded where it stood.

Mentions that nest become nested marks; a mention that crosses another (or a removed block) is
split into parts (`m-part`), so every character of the text is written exactly once.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby, pairwise

from .html import attrs, element, text

# the mention columns a mark carries as data-* attributes and shows on hover
_DETAILS = ("value", "qualifier", "method", "entity_id", "amount_role", "period", "amount_owner")


@dataclass(frozen=True)
class Removed:
    """A removed block: consecutive boilerplate lines that stood at the same offset."""

    at: int
    rules: tuple[str, ...]
    lines: tuple[str, ...]


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    mention: int  # index into the document's mentions
    part: bool = False


@dataclass
class _Node:
    span: _Span
    children: list[_Node] = field(default_factory=list)


def removed_blocks(rows: Sequence[dict], length: int) -> list[Removed]:
    """Boilerplate rows (table order) as blocks; a row without `char_at` goes to the end of the text."""

    def place(row: dict) -> int:
        at = row.get("char_at")
        return length if at is None else min(max(at, 0), length)

    placed = sorted(rows, key=place)  # stable: the lines of a block keep their order
    return [
        Removed(at, tuple(dict.fromkeys(row["rule"] for row in group)), tuple(row["text"] for row in group))
        for at, group in ((at, list(group)) for at, group in groupby(placed, key=place))
    ]


def render_text(clean: str, mentions: Sequence[dict], blocks: Sequence[Removed]) -> str:
    """The clean text, escaped, with a mark per mention and a `<details>` per removed block."""
    roots = _nest(_spans(mentions, {block.at for block in blocks}, len(clean)))
    pending = list(blocks)
    out, cursor = [], 0
    for root in roots:
        out.append(_gap(clean, cursor, root.span.start, pending))
        out.append(_mark(clean, root, mentions))
        cursor = root.span.end
    out.append(_gap(clean, cursor, len(clean), pending))
    return "".join(out)


def mark_title(mention: dict) -> str:
    """What a hover shows: the field and its value, then each other detail that is set."""
    lines = [f"{mention['field']}: {mention.get('value') or mention.get('text')}"]
    lines += [f"{name}: {mention[name]}" for name in _DETAILS[1:] if mention.get(name) is not None]
    return "\n".join(lines)


def _spans(mentions: Sequence[dict], cuts: set[int], length: int) -> Iterator[_Span]:
    """Each mention's range within the text, cut at every removed block inside it."""
    for index, mention in enumerate(mentions):
        start, end = max(mention["char_start"], 0), min(mention["char_end"], length)
        inner = sorted(cut for cut in cuts if start < cut < end)
        bounds = [start, *inner, end]
        for left, right in pairwise(bounds):
            if left < right:
                yield _Span(left, right, index, part=bool(inner))


def _nest(spans: Iterator[_Span]) -> list[_Node]:
    """Spans as a forest, outer before inner; a span crossing the end of the one it starts in is
    split there, its rest queued as a span of its own."""
    queue = [(span.start, -span.end, span.mention, span) for span in spans]
    heapq.heapify(queue)
    roots: list[_Node] = []
    stack: list[_Node] = []
    while queue:
        span = heapq.heappop(queue)[-1]
        while stack and stack[-1].span.end <= span.start:
            stack.pop()
        if stack and span.end > stack[-1].span.end:
            cut = stack[-1].span.end
            rest = _Span(cut, span.end, span.mention, part=True)
            heapq.heappush(queue, (rest.start, -rest.end, rest.mention, rest))
            span = _Span(span.start, cut, span.mention, part=True)
        node = _Node(span)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def _gap(clean: str, start: int, end: int, pending: list[Removed]) -> str:
    """Text outside every mark, with the removed blocks that stood in it (or at either end of it)."""
    out, cursor = [], start
    while pending and pending[0].at <= end:
        block = pending.pop(0)
        out += [text(clean[cursor : block.at]), _details(block)]
        cursor = block.at
    out.append(text(clean[cursor:end]))
    return "".join(out)


def _details(block: Removed) -> str:
    summary = element("summary", text(f"removed: {', '.join(block.rules)}"))
    return element(
        "details", summary + element("div", text("\n".join(block.lines)), class_="removed"), class_="boilerplate"
    )


def _mark(clean: str, node: _Node, mentions: Sequence[dict]) -> str:
    inner, cursor = [], node.span.start
    for child in node.children:
        inner += [text(clean[cursor : child.span.start]), _mark(clean, child, mentions)]
        cursor = child.span.end
    inner.append(text(clean[cursor : node.span.end]))
    mention = mentions[node.span.mention]
    return f"<mark{attrs(_mark_attributes(mention, node.span))}>{''.join(inner)}</mark>"


def _mark_attributes(mention: dict, span: _Span) -> dict[str, object]:
    details = {f"data-{name.replace('_', '-')}": mention.get(name) or "" for name in _DETAILS}
    return {
        "class": f"m-{mention['field']}" + (" m-part" if span.part else ""),
        "data-field": mention["field"],
        **details,
        "data-mention": span.mention,
        "data-start": mention["char_start"],
        "data-end": mention["char_end"],
        "title": mark_title(mention),
    }
