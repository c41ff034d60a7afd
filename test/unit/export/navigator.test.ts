import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exportNavigatorLayer, type NavigatorLayer } from '../../../server/src/engine/export';
import { projectRoot } from '../../helpers';
import { NORTHWIND, SEED, assertLayerFormat, exampleInput, exportInput } from './exportHelpers';
import { loadBundledCatalog } from '../../../server/src/node/bundledResources';

const layerOf = (relativePath: string): NavigatorLayer => exportNavigatorLayer(exampleInput(relativePath));

test('navigator: the layer has every property of format 4.5 and the catalog version', () => {
  const catalog = loadBundledCatalog('18.1');
  for (const example of [NORTHWIND, SEED]) {
    const layer = layerOf(example);
    assertLayerFormat(layer);
    assert.equal(layer.versions.attack, catalog.version);
    assert.equal(layer.domain, 'enterprise-attack');
    assert.deepEqual(layer.metadata[0], { name: 'source', value: example });
  }
  assert.deepEqual(layerOf(SEED).techniques, [], 'the seed lists no technique');
});

test('navigator: only technique/tactic pairs that ATT&CK has, each once, with its line', () => {
  const catalog = loadBundledCatalog('18.1');
  const layer = layerOf(NORTHWIND);
  const pairs = layer.techniques.map((technique) => `${technique.techniqueID}@${technique.tactic}`);
  assert.deepEqual(pairs, [
    'T1566.002@initial-access',
    'T1133@initial-access',
    'T1059.001@execution',
    'T1078.002@persistence',
    'T1078.002@privilege-escalation',
    'T1562.001@defense-evasion',
    'T1003.001@credential-access',
    'T1087.002@discovery',
    'T1482@discovery',
    'T1021.001@lateral-movement',
    'T1021.004@lateral-movement',
    'T1560.001@collection',
    'T1219@command-and-control',
    'T1567.002@exfiltration',
    'T1486@impact',
    'T1490@impact',
  ]);
  for (const entry of layer.techniques) {
    const technique = catalog.technique(entry.techniqueID);
    const tactic = catalog.findTactic(entry.tactic);
    assert.ok(technique && tactic && technique.tactics.includes(tactic.id), `${entry.techniqueID} under ${entry.tactic}`);
    assert.equal(tactic.shortname, entry.tactic);
    assert.ok(!technique.revoked && !technique.deprecated);
    assert.equal(entry.enabled, true);
    assert.equal(entry.score, 1);
  }
  assert.equal(
    layer.techniques[0].comment,
    'Listed under Initial Access in Incident Report: Akira-Style Ransomware Intrusion at Northwind Manufacturing (line 61)',
  );
  assert.match(layer.techniques[4].comment, /^Listed under Privilege Escalation in .* \(line 64\)$/);
  assert.deepEqual(layer.metadata, [
    { name: 'source', value: NORTHWIND },
    { name: 'report id', value: 'IR-2026-0117' },
    { name: 'tlp', value: 'TLP:AMBER' },
  ]);
  assert.equal(JSON.stringify(layerOf(NORTHWIND)), JSON.stringify(layer), 'deterministic');
});

test('navigator: wrong tactics, unknown IDs, revoked techniques and unknown tactics are left out', () => {
  const text = [
    '# Incident Report: Mixed',
    '## Attack Methodology',
    '- **Initial Access:** T1486 Data Encrypted for Impact, T9999, T1566.001 Spearphishing Attachment',
    '- **Impact:** T1486, T1486',
    '- **Teleportation:** T1490',
    '- **Persistence:** N/A',
  ].join('\n');
  const layer = exportNavigatorLayer(exportInput(text, 'mixed.md'));
  assert.deepEqual(
    layer.techniques.map((t) => `${t.techniqueID}@${t.tactic}`),
    ['T1566.001@initial-access', 'T1486@impact'],
  );
  assert.equal(layer.techniques[1].comment, 'Listed under Impact in Incident Report: Mixed (line 4)');
  const revoked = loadBundledCatalog('18.1').allTechniques.find((technique) => technique.revoked && technique.tactics.length > 0);
  if (revoked) {
    const tactic = loadBundledCatalog('18.1').tacticById(revoked.tactics[0])!;
    const withRevoked = exportNavigatorLayer(exportInput(`# Incident Report: R\n## Attack Methodology\n- **${tactic.name}:** ${revoked.id}\n`));
    assert.deepEqual(withRevoked.techniques, []);
  }
});

test('navigator: technique entries and legend items have the shape of the Navigator sample layer (Bear_APT)', () => {
  const layer = layerOf(NORTHWIND);
  // The sample (MITRE's layers/samples/Bear_APT.json) has technique entries {techniqueID, comment, color}
  // and legend items {label, color}, all strings: ours carry the same properties with the same types.
  const sampleTechniqueKeys = ['techniqueID', 'comment', 'color'];
  const sampleLegendKeys = ['label', 'color'];
  const sampleFile = path.join(projectRoot(), '..', 'shared', 'standards', 'attack-navigator', 'sample-Bear_APT.json');
  if (fs.existsSync(sampleFile)) {
    const sample = JSON.parse(fs.readFileSync(sampleFile, 'utf8')) as { techniques: Record<string, unknown>[]; legendItems: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(sample.techniques[0]).sort(), [...sampleTechniqueKeys].sort());
    assert.deepEqual(Object.keys(sample.legendItems[0]).sort(), [...sampleLegendKeys].sort());
  }
  for (const technique of layer.techniques) {
    for (const key of sampleTechniqueKeys) assert.equal(typeof (technique as unknown as Record<string, unknown>)[key], 'string', key);
  }
  assert.ok(layer.legendItems.length > 0);
  for (const item of layer.legendItems) assert.deepEqual(Object.keys(item).sort(), [...sampleLegendKeys].sort());
});
