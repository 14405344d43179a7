/** Production blue / candidate orange (Okabe-Ito, colour-blind safe), used everywhere in that order. */
export const COLORS = { production: '#0072B2', candidate: '#E69F00', reference: '#6B6B6B', noise: '#009E73', band: '#2E7D32', bad: '#B2182B' } as const;

export interface LineSeries {
  name: string;
  color: string;
  x: number[];
  y: number[];
  dash?: boolean;
  /** 'step': a histogram / empirical CDF drawn as steps. */
  shape?: 'line' | 'step';
}

export interface LineChartSpec {
  kind: 'line';
  title: string;
  xLabel: string;
  yLabel: string;
  series: LineSeries[];
  xRange?: [number, number];
  yRange?: [number, number];
  /** The y = x reference (ROC chance line, perfect calibration). */
  diagonal?: boolean;
  logX?: boolean;
  hlines?: { y: number; label: string }[];
}

export interface BarSeries {
  name: string;
  color: string;
  values: (number | null)[];
  lo?: (number | null)[];
  hi?: (number | null)[];
}

export interface BarChartSpec {
  kind: 'bar';
  title: string;
  yLabel: string;
  categories: string[];
  series: BarSeries[];
  /** A shaded acceptable band, e.g. the four-fifths band [0.8, 1.25]. */
  band?: { from: number; to: number; label: string };
  refLines?: { y: number; label: string }[];
  yRange?: [number, number];
}

export type ChartSpec = LineChartSpec | BarChartSpec;
