/**
 * uPlot options for a PlotSpec (src/core/plots/types.ts): scales from the spec's ranges, one uPlot series per
 * spec series (lines spanning gaps, points-only series, invisible band edges, data-only series hidden), bands,
 * and the spec's vertical marker lines drawn in a draw hook. The legend is the component's own (the same as the
 * SVG's), so uPlot's is off.
 */
import type uPlot from 'uplot';
import type { PlotSpec } from '../../core/plots/types.js';

export function uplotOptions(spec: PlotSpec, width: number, height: number): uPlot.Options {
  const series: uPlot.Series[] = [{ label: spec.x.label }];
  for (const s of spec.series) {
    const style = s.style ?? 'line';
    series.push({
      label: s.label,
      stroke: style === 'band-limit' ? 'transparent' : s.color,
      width: style === 'band-limit' ? 0.5 : (s.width ?? 1.5),
      ...(s.dash ? { dash: s.dash } : {}),
      spanGaps: true,
      show: style !== 'hidden',
      points: { show: style === 'points' || s.marker === true, size: style === 'points' ? 5 : 6, stroke: s.color, fill: style === 'points' ? 'white' : s.color },
      ...(style === 'points' ? { paths: () => null } : {}),
    });
  }
  const range = (r?: [number, number]): uPlot.Scale['range'] => (r ? [r[0], r[1]] : undefined);
  const markerLines = spec.markerLines ?? [];
  return {
    width,
    height,
    legend: { show: false },
    scales: { x: { time: false, ...(spec.x.range ? { range: range(spec.x.range) } : {}) }, y: spec.y.range ? { range: range(spec.y.range) } : {} },
    axes: [{ label: spec.x.label }, { label: spec.y.label }],
    series,
    ...(spec.bands ? { bands: spec.bands.map((b) => ({ series: [b.upper, b.lower] as [number, number], fill: b.fill })) } : {}),
    hooks: {
      draw: [
        (u: uPlot) => {
          if (markerLines.length === 0) return;
          const ctx = u.ctx;
          ctx.save();
          ctx.setLineDash([4, 4]);
          ctx.lineWidth = 1;
          ctx.font = `${10 * devicePixelRatio}px sans-serif`;
          for (const m of markerLines) {
            const x = u.valToPos(m.x, 'x', true);
            ctx.strokeStyle = m.color ?? '#555';
            ctx.fillStyle = m.color ?? '#555';
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.fillText(m.label, x + 3 * devicePixelRatio, u.bbox.top + 12 * devicePixelRatio);
          }
          ctx.restore();
        },
      ],
    },
  };
}
