"""The run report: reward and per-component curves as a PNG, and one self-contained HTML page."""

from __future__ import annotations

import base64
import html
import io
import json
import os
from typing import Any, Dict, List, Optional

COMPONENTS = ("r_val", "r_cov", "r_eff", "r_name", "r_arg", "r_state", "r_answer")
SUMMARY = (
    "reward_mean",
    "reward_std",
    "loss",
    "kl",
    "clip_fraction",
    "tokens_generated",
    "truncations",
    "zero_variance_groups",
    "masked",
    "step_seconds",
    "env_share",
)


def _series(metrics: List[Dict[str, Any]], key: str):
    points = [(m["step"], m.get(key)) for m in metrics if isinstance(m.get(key), (int, float))]
    return [p[0] for p in points], [p[1] for p in points]


def plot(metrics: List[Dict[str, Any]]) -> Optional[bytes]:
    """The curves as PNG bytes (None when matplotlib is not installed)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    fig, axes = plt.subplots(1, 4, figsize=(20, 4))
    steps, mean = _series(metrics, "reward_mean")
    _, std = _series(metrics, "reward_std")
    axes[0].plot(steps, mean, label="reward (mean)")
    if len(std) == len(mean):
        axes[0].fill_between(steps, [m - s for m, s in zip(mean, std)], [m + s for m, s in zip(mean, std)], alpha=0.2, label="± std")
    axes[0].set_title("reward")
    for name in COMPONENTS:
        xs, ys = _series(metrics, name)
        if ys:
            axes[1].plot(xs, ys, label=name)
    axes[1].set_title("reward components (mean)")
    for ax, names, title in ((axes[2], ("loss", "clip_fraction"), "loss and clip fraction"), (axes[3], ("kl",), "KL to the reference")):
        for name in names:
            xs, ys = _series(metrics, name)
            if ys:
                ax.plot(xs, ys, label=name)
        ax.set_title(title)
    for ax in axes:
        ax.set_xlabel("step")
        ax.grid(alpha=0.3)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=8)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    plt.close(fig)
    return buf.getvalue()


def write(run_dir: str, metrics: List[Dict[str, Any]], config: Dict[str, Any]) -> Dict[str, str]:
    """Writes report.png (when matplotlib is there) and report.html; returns their paths."""
    out: Dict[str, str] = {}
    png = plot(metrics)
    if png is not None:
        out["png"] = os.path.join(run_dir, "report.png")
        with open(out["png"], "wb") as f:
            f.write(png)
    out["html"] = os.path.join(run_dir, "report.html")
    with open(out["html"], "w", encoding="utf8") as f:
        f.write(render_html(metrics, config, png))
    return out


def _quarter_means(metrics: List[Dict[str, Any]]) -> Optional[tuple]:
    values = [m["reward_mean"] for m in metrics if isinstance(m.get("reward_mean"), (int, float))]
    if len(values) < 4:
        return None
    q = len(values) // 4
    return sum(values[:q]) / q, sum(values[-q:]) / q


def render_html(metrics: List[Dict[str, Any]], config: Dict[str, Any], png: Optional[bytes]) -> str:
    esc = html.escape
    title = f"PROVE training run: {config.get('model', '?')}"
    chart = (
        f'<img alt="reward curves" src="data:image/png;base64,{base64.b64encode(png).decode()}">' if png else "<p>(matplotlib is not installed: no chart)</p>"
    )
    quarters = _quarter_means(metrics)
    headline = f"<p>Mean reward, first quarter of steps: <b>{quarters[0]:.3f}</b>; last quarter: <b>{quarters[1]:.3f}</b>.</p>" if quarters else ""
    cols = [c for c in ("step",) + SUMMARY + COMPONENTS if any(c in m for m in metrics)]
    rows = "".join("<tr>" + "".join(f"<td>{_cell(m.get(c))}</td>" for c in cols) + "</tr>" for m in metrics)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title>
<style>body{{font-family:system-ui,sans-serif;margin:2em;color:#222}}img{{max-width:100%}}
table{{border-collapse:collapse;font-size:12px}}td,th{{border:1px solid #ccc;padding:2px 6px;text-align:right}}
pre{{background:#f6f6f6;padding:1em;overflow:auto}}</style></head>
<body><h1>{esc(title)}</h1>
<p>{len(metrics)} steps; reward preset <code>{esc(str(config.get("preset")))}</code>; loss <code>{esc(str(config.get("loss")))}</code>.</p>
{headline}{chart}
<h2>Steps</h2><table><tr>{"".join(f"<th>{esc(c)}</th>" for c in cols)}</tr>{rows}</table>
<h2>Configuration</h2><pre>{esc(json.dumps(config, indent=2))}</pre>
</body></html>
"""


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return html.escape("" if value is None else str(value))
