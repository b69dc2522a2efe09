"""Rendering charts offline (vl-convert)."""

from __future__ import annotations

import altair as alt
import vl_convert as vlc


def to_png(chart: alt.TopLevelMixin, scale: float = 2) -> bytes:
    """Render a chart to PNG bytes offline (vl-convert)."""
    return vlc.vegalite_to_png(chart.to_dict(), scale=scale)


def to_svg(chart: alt.TopLevelMixin) -> str:
    """Render a chart to an SVG string offline (vl-convert)."""
    return vlc.vegalite_to_svg(chart.to_dict())
