import type { ChartSpec } from './chartSpec.js';
import { barChartSvg } from './barChartSvg.js';
import { lineChartSvg } from './lineChartSvg.js';

export function chartSvg(spec: ChartSpec, id = 'chart'): string {
  return spec.kind === 'bar' ? barChartSvg(spec) : lineChartSvg(spec, id);
}
