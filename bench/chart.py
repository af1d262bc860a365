"""A small, dependency-free SVG line chart (deterministic output)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

COLOURS = ("#5f6368", "#b3261e", "#0b57d0", "#188038")


def _ticks(top: float, count: int = 5) -> list[float]:
    step = max(top / count, 1e-9)
    magnitude = 10 ** len(str(int(step))) / 10 if step >= 1 else 0.1
    nice = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= step)
    return [nice * i for i in range(int(top / nice) + 2)]


def line_chart(title: str, x_label: str, y_label: str, xs: Sequence[float],
               series: Mapping[str, Sequence[float]], width: int = 640, height: int = 360) -> str:  # fmt: skip
    left, right, top, bottom = 64, 180, 40, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    x_max = max(xs) or 1
    y_ticks = _ticks(max(max(v) for v in series.values()) or 1)
    y_max = y_ticks[-1]

    def px(x: float) -> float:
        return left + plot_w * x / x_max

    def py(y: float) -> float:
        return top + plot_h * (1 - y / y_max)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'font-family="system-ui, sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
        f'<text x="{left}" y="24" font-size="15" font-weight="bold">{escape(title)}</text>',
    ]
    for tick in y_ticks:
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{py(tick):.1f}" y2="{py(tick):.1f}" stroke="#e0e0e0"/>'
        )
        parts.append(f'<text x="{left - 8}" y="{py(tick) + 4:.1f}" text-anchor="end">{tick:g}</text>')
    for x in xs:
        parts.append(f'<text x="{px(x):.1f}" y="{top + plot_h + 18}" text-anchor="middle">{x:,}</text>')
    parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 8}" text-anchor="middle">{escape(x_label)}</text>')
    parts.append(f'<text transform="translate(16 {top + plot_h / 2:.1f}) rotate(-90)" text-anchor="middle">'
                 f"{escape(y_label)}</text>")  # fmt: skip
    for index, (name, ys) in enumerate(series.items()):
        colour = COLOURS[index % len(COLOURS)]
        points = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in zip(xs, ys, strict=True))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
        parts.extend(
            f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3.5" fill="{colour}"/>' for x, y in zip(xs, ys, strict=True)
        )
        legend_y = top + 16 + index * 20
        parts.append(f'<rect x="{left + plot_w + 16}" y="{legend_y - 9}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{left + plot_w + 34}" y="{legend_y + 1}">{escape(name)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
