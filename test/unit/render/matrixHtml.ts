import assert from 'node:assert/strict';
import { renderReportBody } from '../../../server/src/engine/render/renderReport';
import { defaultVersionEngine, TEST_NOW } from '../../helpers';

/** The preview body of a report checked under the default ATT&CK version (v19.2). */
export function renderV19(text: string): string {
  const result = defaultVersionEngine().check(text);
  const { schema, catalog } = defaultVersionEngine();
  return renderReportBody({ model: result.model, spec: schema.spec, catalog, now: TEST_NOW, findings: result.findings });
}

/** The technique IDs the matrix lists in a tactic's column. */
export const listedIn = (html: string, tactic: string): string[] => {
  const column = new RegExp(`title="TA\\d{4} ${tactic}">[\\s\\S]*?<div class="tactic-body">([\\s\\S]*?)</div></div>`).exec(html);
  assert.ok(column, tactic);
  return [...column[1].matchAll(/<li class="technique listed[^"]*"[^>]*><span class="tid">([^<]+)</g)].map((m) => m[1]);
};
