/** The state each step of the left rail shows, derived from the app state. */
import type { AppState, ScreenId } from './appState.js';

export type StepState = 'empty' | 'ready' | 'running' | 'done' | 'attention';

export const STEP_STATE_LABELS: Record<StepState, string> = {
  empty: 'not started', ready: 'ready', running: 'running', done: 'done', attention: 'needs attention',
};

export function railStates(s: Pick<AppState, 'workspace' | 'datasetId' | 'resolved' | 'run' | 'metrics' | 'criteria' | 'errors'>): Record<ScreenId, StepState> {
  const ws = s.workspace;
  const models = ws?.models.length ?? 0;
  const hasData = (ws?.datasets.length ?? 0) > 0;
  const wsErr = s.errors.workspace || s.errors['model.production'] || s.errors['model.candidate'] || s.errors.dataset;
  const workspace: StepState = wsErr ? 'attention' : models >= 2 && hasData ? 'done' : ws ? 'ready' : 'empty';
  const canMap = models >= 2 && hasData;
  const mapping: StepState = s.errors.map ? 'attention' : s.resolved ? 'done' : canMap ? 'ready' : 'empty';
  const status = s.run?.status;
  const run: StepState =
    status === 'running' || status === 'pending' ? 'running'
      : status === 'failed' || s.errors.run ? 'attention'
        : status === 'done' ? 'done'
          : s.resolved ? 'ready' : 'empty';
  const compare: StepState = s.errors.metrics ? 'attention' : s.metrics ? 'done' : status === 'done' ? 'ready' : 'empty';
  const disagreements: StepState = status === 'done' ? 'ready' : 'empty';
  const failed = s.criteria?.some((c) => c.status !== 'pass');
  const report: StepState = s.criteria ? (failed ? 'attention' : 'done') : status === 'done' ? 'ready' : 'empty';
  return { workspace, mapping, run, compare, disagreements, report };
}

/** The verdict for the top bar: pass / fail / not evaluable with counts, or null before evaluation. */
export function verdictOf(criteria: AppState['criteria']): { kind: 'pass' | 'fail' | 'not_evaluable'; text: string } | null {
  if (!criteria || criteria.length === 0) return null;
  const fail = criteria.filter((c) => c.status === 'fail').length;
  const ne = criteria.filter((c) => c.status === 'not_evaluable').length;
  const pass = criteria.length - fail - ne;
  if (fail > 0) return { kind: 'fail', text: `Fail: ${fail} of ${criteria.length} criteria${ne ? `, ${ne} not evaluable` : ''}` };
  if (ne > 0) return { kind: 'not_evaluable', text: `Not evaluable: ${ne} of ${criteria.length} criteria` };
  return { kind: 'pass', text: `Pass: ${pass} of ${criteria.length} criteria` };
}
