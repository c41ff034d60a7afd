import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { exportJson, exportNavigatorLayer, exportStix, type StixObject } from '../../../server/src/engine/export';
import { loadBundledCatalog } from '../../../server/src/node/bundledResources';
import { projectRoot } from '../../helpers';
import { NORTHWIND, SEED, assertLayerFormat, defaultVersionInput, describeErrors, readExample, schemaForType, stixValidator } from './exportHelpers';

/**
 * Exports under the default ATT&CK version, v19.2, of v18-era reports (northwind's `Defense Evasion:
 * T1562.001`, the seed's `Defense Evasion: N/A`) and of a v19 report: only v19.2 technique/tactic pairs,
 * the version named. (The other export tests pin v18.1.)
 */

const catalog = loadBundledCatalog();
const northwind = () => defaultVersionInput(readExample(NORTHWIND), NORTHWIND);
const TITLE = 'Incident Report: Akira-Style Ransomware Intrusion at Northwind Manufacturing';

/** Every entry is a pair ATT&CK v19.2 has: a current technique under one of its own tactics. */
function assertValidPair(techniqueId: string, shortname: string): void {
  const technique = catalog.technique(techniqueId);
  const tactic = catalog.findTactic(shortname);
  assert.ok(technique && tactic, `${techniqueId}@${shortname}: unknown`);
  assert.equal(tactic.shortname, shortname);
  assert.ok(technique.tactics.includes(tactic.id), `${techniqueId} is not under ${shortname} in v19.2`);
  assert.ok(!technique.revoked && !technique.deprecated, `${techniqueId} is not current`);
}

/** A report with a legacy row holding a Stealth, a Defense Impairment, a moved, a long-revoked and a since-revoked technique. */
const LEGACY_ROW = [
  '# Incident Report: Legacy',
  '## Attack Methodology',
  '- **Defense Evasion:** T1027, T1078 Valid Accounts, T1112 Modify Registry, T1550, T1193, T1070.001',
  '- **Stealth:** T1027',
].join('\n');

describe('exports under ATT&CK v19.2', () => {
  test('navigator: northwind validates as a 4.5 layer of v19.2 pairs; the legacy row enters T1562.001 as its replacement', () => {
    const layer = exportNavigatorLayer(northwind());
    assertLayerFormat(layer);
    assert.deepEqual(layer.versions, { attack: '19.2', navigator: '5.1.0', layer: '4.5' });
    assert.deepEqual(
      layer.techniques.map((t) => `${t.techniqueID}@${t.tactic}`),
      [
        'T1566.002@initial-access',
        'T1133@initial-access',
        'T1059.001@execution',
        'T1078.002@persistence',
        'T1078.002@privilege-escalation',
        'T1685@defense-impairment',
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
      ],
    );
    for (const entry of layer.techniques) assertValidPair(entry.techniqueID, entry.tactic);
    assert.equal(
      layer.techniques[5].comment,
      `Listed as T1562.001, which ATT&CK v19.2 revoked in favour of T1685, under Defense Evasion (ATT&CK v18.1) in ${TITLE} (line 65)`,
    );
    assert.equal(layer.techniques[4].comment, `Listed under Privilege Escalation in ${TITLE} (line 64)`);
    assert.deepEqual(exportNavigatorLayer(defaultVersionInput(readExample(SEED), SEED)).techniques, []);
  });

  test('navigator: a legacy row puts each technique under the successors v19.2 lists it for; moved and long-revoked ones are left out', () => {
    const layer = exportNavigatorLayer(defaultVersionInput(LEGACY_ROW, 'legacy.md'));
    assertLayerFormat(layer);
    // T1078 is Stealth among the successors; T1112 moved to Defense Impairment; T1550 left for Lateral Movement
    // only; T1193 was revoked long before v18.1; T1070.001 (v18.1) is now T1685.005; T1027 is listed once per pair.
    assert.deepEqual(
      layer.techniques.map((t) => `${t.techniqueID}@${t.tactic}`),
      ['T1027@stealth', 'T1078@stealth', 'T1112@defense-impairment', 'T1685.005@defense-impairment'],
    );
    for (const entry of layer.techniques) assertValidPair(entry.techniqueID, entry.tactic);
    assert.equal(layer.techniques[0].comment, 'Listed under Defense Evasion (ATT&CK v18.1) in Incident Report: Legacy (line 3)');
  });

  test('STIX: northwind validates; kill-chain phases valid in v19.2; the ATT&CK reference names the version', () => {
    const bundle = exportStix(northwind());
    for (const object of bundle.objects) {
      const validate = stixValidator(schemaForType(object.type));
      assert.ok(validate(object), `${object.id}\n${describeErrors(validate)}`);
    }
    const patterns = bundle.objects.filter((object) => object.type === 'attack-pattern');
    const reference = (pattern: StixObject) =>
      (pattern.external_references as { source_name: string; description: string; external_id: string; url: string }[])[0];
    assert.deepEqual(
      patterns.map((pattern) => reference(pattern).external_id),
      [
        'T1566.002',
        'T1133',
        'T1059.001',
        'T1078.002',
        'T1685',
        'T1003.001',
        'T1087.002',
        'T1482',
        'T1021.001',
        'T1021.004',
        'T1560.001',
        'T1219',
        'T1567.002',
        'T1486',
        'T1490',
      ],
    );
    for (const pattern of patterns) {
      assert.equal(reference(pattern).description, 'MITRE ATT&CK v19.2 (enterprise-attack)');
      const phases = pattern.kill_chain_phases as { kill_chain_name: string; phase_name: string }[];
      assert.ok(phases.length > 0, reference(pattern).external_id);
      for (const phase of phases) {
        assert.equal(phase.kill_chain_name, 'mitre-attack');
        assertValidPair(reference(pattern).external_id, phase.phase_name);
      }
    }
    const replaced = patterns[4];
    assert.deepEqual(
      [replaced.name, replaced.description, replaced.external_references, replaced.kill_chain_phases],
      [
        'Disable or Modify Tools',
        'Written in the report as T1562.001, which ATT&CK v19.2 revoked in favour of T1685.',
        [
          {
            source_name: 'mitre-attack',
            description: 'MITRE ATT&CK v19.2 (enterprise-attack)',
            external_id: 'T1685',
            url: 'https://attack.mitre.org/techniques/T1685',
          },
        ],
        [{ kill_chain_name: 'mitre-attack', phase_name: 'defense-impairment' }],
      ],
    );
    assert.equal(patterns[0].description, undefined, 'only a replacement says what was written');
  });

  test('STIX: a legacy row gives each attack-pattern its v19.2 phases; a technique moved out of the row has none', () => {
    const patterns = exportStix(defaultVersionInput(LEGACY_ROW, 'legacy.md')).objects.filter((object) => object.type === 'attack-pattern');
    assert.deepEqual(
      patterns.map((p) => [
        (p.external_references as { external_id: string }[])[0].external_id,
        (p.kill_chain_phases as { phase_name: string }[] | undefined)?.map((k) => k.phase_name),
      ]),
      [
        ['T1027', ['stealth']],
        ['T1078', ['stealth']],
        ['T1112', ['defense-impairment']],
        ['T1550', undefined],
        ['T1685.005', ['defense-impairment']],
      ],
    );
  });

  test('JSON: validates; the legacy row with its successors; each technique with its v19.2 tactics and legacy tactics', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'schemas', 'report-export.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true }).compile(schema);
    const documents = [northwind(), defaultVersionInput(readExample(SEED), SEED), defaultVersionInput(LEGACY_ROW, 'legacy.md')].map(
      (input) => JSON.parse(JSON.stringify(exportJson(input))) as unknown,
    );
    for (const document of documents) assert.ok(validate(document), JSON.stringify(validate.errors, null, 2));

    const document = exportJson(northwind());
    assert.deepEqual(document.attack, { version: '19.2', domain: 'enterprise-attack', previousVersion: '18.1' });
    const row = document.tactics.find((candidate) => candidate.row === 'Defense Evasion')!;
    assert.equal(row.tactic, null);
    assert.deepEqual(row.legacy, {
      id: 'TA0005',
      name: 'Defense Evasion',
      shortname: 'defense-evasion',
      attackVersion: '18.1',
      successors: [
        { id: 'TA0005', name: 'Stealth', shortname: 'stealth' },
        { id: 'TA0112', name: 'Defense Impairment', shortname: 'defense-impairment' },
      ],
    });
    assert.deepEqual(
      row.techniques.map((t) => [t.id, t.revoked, t.validForTactic, t.tactics, t.replacedBy, t.revokedSincePrevious]),
      [['T1562.001', true, true, ['defense-impairment'], 'T1685', true]],
    );
    assert.equal(document.tactics.find((candidate) => candidate.row === 'Initial Access')?.legacy, null);
    assert.deepEqual(
      document.techniques.find((t) => t.id === 'T1562.001'),
      {
        id: 'T1562.001',
        name: 'Disable or Modify Tools',
        url: 'https://attack.mitre.org/techniques/T1562/001',
        tactics: ['defense-impairment'],
        legacyTactics: ['defense-evasion'],
        lines: [65],
        revoked: true,
        replacedBy: 'T1685',
        deprecated: false,
      },
    );
    assert.deepEqual(
      [document.techniques.find((t) => t.id === 'T1078.002')?.tactics, document.techniques.find((t) => t.id === 'T1078.002')?.legacyTactics],
      [['persistence', 'privilege-escalation'], []],
    );

    const legacy = exportJson(defaultVersionInput(LEGACY_ROW, 'legacy.md'));
    assert.deepEqual(
      legacy.techniques.map((t) => [t.id, t.tactics, t.legacyTactics, t.replacedBy]),
      [
        ['T1027', ['stealth'], ['defense-evasion']],
        ['T1078', ['stealth'], ['defense-evasion']],
        ['T1112', ['defense-impairment'], ['defense-evasion']],
        ['T1550', [], ['defense-evasion']],
        ['T1193', [], ['defense-evasion']],
        ['T1070.001', ['defense-impairment'], ['defense-evasion']],
      ].map(([id, tactics, legacyTactics]) => [id, tactics, legacyTactics, id === 'T1193' ? 'T1566.001' : id === 'T1070.001' ? 'T1685.005' : null]),
    );
    const seedRow = exportJson(defaultVersionInput(readExample(SEED), SEED)).tactics.find((candidate) => candidate.row === 'Defense Evasion')!;
    assert.deepEqual([seedRow.notApplicable, seedRow.legacy?.successors.map((s) => s.name), seedRow.techniques], [true, ['Stealth', 'Defense Impairment'], []]);
  });
});
