import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogName, placeTechnique, previousTacticName, rowTactics } from '../../../server/src/engine/queries/attackQueries';
import { loadBundledCatalog } from '../../../server/src/node/bundledResources';

const v19 = loadBundledCatalog('19.2');
const v18 = loadBundledCatalog('18.1');
const ids = (tactics: readonly { id: string }[]) => tactics.map((tactic) => tactic.id);

test('rowTactics: a tactic of the version in use, a legacy tactic read as its successors, or nothing', () => {
  const stealth = rowTactics(v19, 'Stealth');
  assert.deepEqual([stealth.tactic?.id, stealth.legacy, ids(stealth.candidates)], ['TA0005', undefined, ['TA0005']]);
  for (const key of ['Defense Evasion', 'defense-evasion', 'DEFENSE EVASION']) {
    const legacy = rowTactics(v19, key);
    assert.deepEqual([legacy.tactic, legacy.legacy?.tactic.name, ids(legacy.candidates)], [undefined, 'Defense Evasion', ['TA0005', 'TA0112']], key);
  }
  assert.deepEqual(rowTactics(v19, 'Teleportation'), { candidates: [] });
  assert.deepEqual(ids(rowTactics(v18, 'Defense Evasion').candidates), ['TA0005'], 'v18.1 has the tactic itself');
});

test('placeTechnique: the row tactics ATT&CK lists a technique (a revoked one: its replacement) under', () => {
  const legacy = rowTactics(v19, 'Defense Evasion');
  const place = (id: string, row = legacy) => {
    const placement = placeTechnique(v19, v19.technique(id)!, row);
    return [ids(placement.tactics), placement.replacement?.id, placement.revokedSincePrevious];
  };
  assert.deepEqual(place('T1078'), [['TA0005'], undefined, false]);
  assert.deepEqual(place('T1112'), [['TA0112'], undefined, false]);
  assert.deepEqual(place('T1550'), [[], undefined, false], 'moved to Lateral Movement only');
  assert.deepEqual(place('T1562.001'), [['TA0112'], 'T1685', true]);
  assert.deepEqual(place('T1193'), [[], 'T1566.001', false], 'revoked before v18.1');
  assert.deepEqual(place('T1562.001', rowTactics(v19, 'Stealth')), [[], 'T1685', true]);
});

test('previousTacticName and catalogName', () => {
  assert.equal(previousTacticName(v19, 'TA0005'), 'Defense Evasion');
  assert.equal(previousTacticName(v19, 'TA0001'), 'Initial Access');
  assert.equal(previousTacticName(v19, 'TA9999'), 'TA9999');
  assert.equal(previousTacticName(v18, 'TA0005'), 'Defense Evasion');
  assert.equal(catalogName(v19), 'bundled ATT&CK v19.2 catalog');
  assert.equal(catalogName(v18), 'ATT&CK v18.1 catalog in use');
});
