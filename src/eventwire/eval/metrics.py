"""Figures and tables shared by every evaluator."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class EvalResult:
    name: str
    data: str
    figures: dict[str, float | int] = field(default_factory=dict)
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)

    def table(self) -> str:
        cells = [self.headers, *self.rows]
        widths = [max(len(row[i]) for row in cells) for i in range(len(self.headers))]
        lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
        lines.insert(1, "  ".join("-" * w for w in widths))
        return f"{self.name} on {self.data}\n" + "\n".join(lines)


def prf(true_positives: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1; 0.0 where undefined."""
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
