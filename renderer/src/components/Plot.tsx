import { useEffect, useRef, useState } from 'react';

/** Minimal typing of the Plotly bundle we use. */
interface PlotlyLike {
  react(el: HTMLElement, data: unknown[], layout: Record<string, unknown>, config: Record<string, unknown>): Promise<unknown>;
  purge(el: HTMLElement): void;
  Plots: { resize(el: HTMLElement): void };
}

let plotly: Promise<PlotlyLike> | null = null;
/** Loads Plotly once, as its own chunk. */
export function loadPlotly(): Promise<PlotlyLike> {
  plotly ??= import('plotly.js-dist-min').then((m) => ((m as { default?: PlotlyLike }).default ?? (m as unknown as PlotlyLike)));
  return plotly;
}

/** Colours of the current theme, read from the CSS variables so charts follow the theme. */
export function themeColors(): { prod: string; cand: string; fg: string; soft: string; grid: string; bg: string; band: string; ref: string; cur: string } {
  const cs = getComputedStyle(document.documentElement);
  const v = (n: string) => cs.getPropertyValue(n).trim();
  return { prod: v('--prod'), cand: v('--cand'), fg: v('--fg'), soft: v('--fg-soft'), grid: v('--border'), bg: v('--bg'), band: v('--bg-hover'), ref: v('--ref'), cur: v('--cur') };
}

/** Base layout in the theme: small margins, quiet grid, legend on top. */
export function baseLayout(title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const c = themeColors();
  const axis = { gridcolor: c.grid, zerolinecolor: c.grid, linecolor: c.grid, tickfont: { size: 11, color: c.soft }, title: { font: { size: 11, color: c.soft } } };
  return {
    title: { text: title, font: { size: 12, color: c.fg }, x: 0.01, xanchor: 'left', y: 0.985, yref: 'container', yanchor: 'top' },
    paper_bgcolor: c.bg, plot_bgcolor: c.bg, font: { family: 'system-ui, sans-serif', size: 11, color: c.fg },
    margin: { l: 52, r: 12, t: 52, b: 42 }, height: 290, showlegend: true,
    legend: { orientation: 'h', y: 1.0, yanchor: 'bottom', x: 1, xanchor: 'right', font: { size: 11 }, bgcolor: 'rgba(0,0,0,0)' },
    xaxis: { ...axis, ...(extra.xaxis as object) }, yaxis: { ...axis, ...(extra.yaxis as object) },
    ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'xaxis' && k !== 'yaxis')),
  };
}

/**
 * A Plotly chart, loaded lazily. `describe` is the accessible summary (the numbers are always in a
 * table next to the chart too). `build` is called with the theme so charts follow it.
 */
export function Plot(props: { build: () => { data: unknown[]; layout: Record<string, unknown> }; describe: string; deps: unknown[]; theme: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let alive = true;
    const el = ref.current;
    loadPlotly()
      .then(async (P) => {
        if (!alive || !el) return;
        const { data, layout } = props.build();
        await P.react(el, data, layout, { displaylogo: false, responsive: true, displayModeBar: 'hover', modeBarButtonsToRemove: ['lasso2d', 'select2d', 'sendDataToCloud', 'autoScale2d'] });
        setReady(true);
      })
      .catch((e: unknown) => setFailed(e instanceof Error ? e.message : String(e)));
    return () => {
      alive = false;
    };
    // (dependencies listed on purpose: the figure is rebuilt only when its data or theme change)
  }, [props.theme, ...props.deps]);
  useEffect(() => () => {
    const el = ref.current;
    if (el) void loadPlotly().then((P) => P.purge(el)).catch(() => undefined);
  }, []);
  return (
    <figure className="plot" role="img" aria-label={props.describe} style={{ margin: 0 }}>
      {failed && <div className="error">Chart unavailable: {failed}. The numbers are in the table.</div>}
      {!ready && !failed && <div className="loading">Drawing chart…</div>}
      <div ref={ref} />
    </figure>
  );
}
