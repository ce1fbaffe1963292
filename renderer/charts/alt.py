"""Short text descriptions of charts, generated from their data (PDF alternate text)."""

from __future__ import annotations

from decimal import Decimal

from .kinds import KINDS
from .spec import ChartSpec
from .text import order, share_labels

SHOWN = 3  # categories named before the rest is summarised, in a chart too long to read out
LISTED = 12  # a chart of this many categories or fewer is read out whole, in the order drawn


def alt_text(spec: ChartSpec, title: str) -> str:
    """What the chart shows, for a reader who cannot see it. Up to :data:`LISTED` categories,
    every number in the order drawn ("Bar chart, Children intaked by age group: 0 to 2: 501;
    3 to 5: 189; …"), with each share for part-of-whole kinds and each series for stacked bars;
    beyond that a summary ("… TX 3,144 highest, CA 2,990, FL 2,101; WY 12 lowest; 52 values.")."""
    kind = KINDS[spec.kind]
    head = kind.described_as + (f", {title}" if title else "")
    series = spec.series[0].values if spec.series else ()
    pairs = list(zip(spec.labels, series))
    if not pairs:
        return f"{head}: no data."
    if len(spec.labels) <= LISTED:
        return f"{head}: {_every_value(spec, kind.summary)}."
    if kind.summary == "stacked" and len(spec.series) > 1:
        return f"{head}: {_stacked(spec)}"
    if kind.summary == "shares":
        shares = share_labels(tuple(max(v, Decimal(0)) for _, v in pairs), spec.format, spec.numbers)
        ranked = sorted(zip(pairs, shares), key=lambda p: -p[0][1])
        named = ", ".join(f"{label} {share}" for (label, _), share in ranked[:SHOWN + 1])
        rest = len(ranked) - (SHOWN + 1)
        return f"{head}: {named}" + (f", and {rest} more." if rest > 0 else ".")
    ranked_pairs = sorted(pairs, key=lambda p: -p[1])
    fmt = spec.format
    top = [f"{label} {spec.shown(v, fmt)}" for label, v in ranked_pairs[:SHOWN]]
    text = f"{head}: {top[0]} highest" + "".join(f", {t}" for t in top[1:])
    if len(ranked_pairs) > SHOWN:
        label, v = ranked_pairs[-1]
        text += f"; {label} {spec.shown(v, fmt)} lowest"
    return f"{text}; {len(pairs)} values."


def _stacked(spec: ChartSpec) -> str:
    names = [s.name for s in spec.series]
    totals = [sum((s.values[i] for s in spec.series if i < len(s.values)), Decimal(0))
              for i in range(len(spec.labels))]
    best = max(range(len(totals)), key=lambda i: totals[i])
    parts = ", ".join(f"{s.name} {spec.shown(s.values[best])}" for s in spec.series
                      if best < len(s.values))
    return (f"{' and '.join(names)} for {len(spec.labels)} categories; {spec.labels[best]} highest "
            f"at {spec.shown(totals[best])} ({parts}).")


def _every_value(spec: ChartSpec, summary: str) -> str:
    fmt = spec.format
    if summary == "stacked" and len(spec.series) > 1:
        items = []
        for i in order(spec):
            parts = [(s.name, s.values[i]) for s in spec.series if i < len(s.values)]
            total = sum((v for _, v in parts), Decimal(0))
            items.append(f"{spec.labels[i]}: " + ", ".join(f"{name} {spec.shown(v, fmt)}" for name, v in parts)
                         + f" (total {spec.shown(total, fmt)})")
        return "; ".join(items)
    values = spec.series[0].values if spec.series else ()
    idx = [i for i in order(spec) if i < len(values)]
    if summary == "shares":
        shares = share_labels(tuple(max(values[i], Decimal(0)) for i in idx), fmt, spec.numbers)
        if fmt == "percent":
            return "; ".join(f"{spec.labels[i]}: {share}" for i, share in zip(idx, shares))
        return "; ".join(f"{spec.labels[i]}: {spec.shown(values[i], fmt)} ({share})" for i, share in zip(idx, shares))
    return "; ".join(f"{spec.labels[i]}: {spec.shown(values[i], fmt)}" for i in idx)
