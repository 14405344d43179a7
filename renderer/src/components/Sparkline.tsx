import { fmtNum } from '../format/number.js';

/**
 * A tiny inline line chart (SVG, no Plotly) of values in order, e.g. PSI per time window. Dotted
 * guide lines mark the `bands` (e.g. 0.1 and 0.25) when they fall inside the scale; points at or
 * above the last band are drawn as filled dots so they read without colour.
 */
export function Sparkline(props: { values: (number | null)[]; labels: string[]; bands?: number[]; width?: number; height?: number; label: string }) {
  const { values, labels } = props;
  const w = props.width ?? 96, h = props.height ?? 22, pad = 2;
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (finite.length === 0) return <span className="faint">—</span>;
  const bands = props.bands ?? [];
  const top = Math.max(...finite, ...(bands.length ? [bands[0]!] : []), 1e-12);
  const x = (i: number) => (values.length === 1 ? w / 2 : pad + (i * (w - 2 * pad)) / (values.length - 1));
  const y = (v: number) => h - pad - (Math.min(v, top) / top) * (h - 2 * pad);
  const pts = values.map((v, i) => (typeof v === 'number' && Number.isFinite(v) ? `${x(i).toFixed(1)},${y(v).toFixed(1)}` : null));
  const segments: string[][] = [[]];
  for (const p of pts) (p ? segments[segments.length - 1]!.push(p) : segments.push([]));
  const alarm = bands.length ? bands[bands.length - 1]! : Infinity;
  const text = `${props.label}: ${values.map((v, i) => `${labels[i]} ${v === null ? 'n/a' : fmtNum(v)}`).join('; ')}`;
  return (
    <svg className="spark" width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={text}>
      <title>{text}</title>
      {bands.filter((b) => b <= top).map((b) => <line key={b} x1={0} x2={w} y1={y(b)} y2={y(b)} className="spark-band" />)}
      {segments.filter((s) => s.length > 1).map((s, i) => <polyline key={i} points={s.join(' ')} className="spark-line" />)}
      {values.map((v, i) => (typeof v === 'number' && Number.isFinite(v) ? <circle key={i} cx={x(i)} cy={y(v)} r={v >= alarm ? 2.4 : 1.3} className={v >= alarm ? 'spark-alarm' : 'spark-dot'} /> : null))}
    </svg>
  );
}
