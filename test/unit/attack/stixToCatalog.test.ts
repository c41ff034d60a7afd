import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type { CatalogData } from '../../../server/src/engine/attack/catalogTypes';
import { firstParagraph, stixToCatalog } from '../../../server/src/engine/attack/stixToCatalog';
import { projectRoot } from '../../helpers';

function readFixture(): unknown {
  return JSON.parse(fs.readFileSync(path.join(projectRoot(), 'test/fixtures/attack/synthetic-v19.json'), 'utf8'));
}

const url = (kind: string, id: string) => `https://attack.mitre.org/${kind}/${id.replace('.', '/')}`;

/** A minimal ATT&CK-ish bundle: one tactic, plus whatever objects a test adds. */
function miniBundle(objects: unknown[], id = 'bundle--4d6c4b3e-8f0e-4a4e-9d41-2f0d0f6a1b11'): unknown {
  const tactic = {
    type: 'x-mitre-tactic',
    id: 'x-mitre-tactic--1',
    name: 'Impact',
    x_mitre_shortname: 'impact',
    external_references: [{ source_name: 'mitre-attack', external_id: 'TA0040', url: url('tactics', 'TA0040') }],
  };
  return { type: 'bundle', id, spec_version: '2.0', objects: [tactic, ...objects] };
}

function pattern(stixId: string, attackId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'attack-pattern',
    id: stixId,
    name: attackId,
    external_references: [{ source_name: 'mitre-attack', external_id: attackId, url: url('techniques', attackId) }],
    ...extra,
  };
}

describe('stixToCatalog', () => {
  it('converts the synthetic STIX 2.1 (v19-style) bundle exactly', () => {
    const expected: CatalogData = {
      formatVersion: 1,
      attackVersion: '19.0',
      domain: 'enterprise-attack',
      source: 'bundle--00000000-0000-4000-8000-000000000019',
      tactics: [
        { id: 'TA0001', name: 'Initial Access', shortname: 'initial-access', order: 0 },
        { id: 'TA0002', name: 'Execution', shortname: 'execution', order: 1 },
        { id: 'TA0005', name: 'Stealth', shortname: 'stealth', order: 2 },
        { id: 'TA0112', name: 'Defense Impairment', shortname: 'defense-impairment', order: 3 },
        { id: 'TA0040', name: 'Impact', shortname: 'impact', order: 4 },
      ],
      techniques: [
        {
          id: 'T1027',
          name: 'Obfuscated Files or Information',
          tactics: ['TA0005'],
          platforms: ['Linux', 'macOS', 'Windows'],
          description: 'Obfuscated Files or Information description.',
          url: url('techniques', 'T1027'),
        },
        {
          id: 'T1064',
          name: 'Scripting',
          tactics: ['TA0002', 'TA0005'],
          platforms: ['Linux', 'Windows'],
          description:
            '**This technique has been deprecated. Please use [Command and Scripting Interpreter](https://attack.mitre.org/techniques/T1059) where appropriate.**',
          url: url('techniques', 'T1064'),
          deprecated: true,
        },
        {
          id: 'T1193',
          name: 'Spearphishing Attachment',
          tactics: ['TA0001'],
          platforms: ['Linux', 'Windows'],
          description: 'Spearphishing Attachment description.',
          url: url('techniques', 'T1193'),
          revoked: true,
          replacedBy: 'T1566.001',
        },
        { id: 'T1485', name: 'Data Destruction', tactics: ['TA0040'], platforms: [], description: '', url: url('techniques', 'T1485') },
        {
          id: 'T1562',
          name: 'Impair Defenses',
          tactics: ['TA0112'],
          platforms: ['Linux', 'Windows'],
          description: 'Impair Defenses description.',
          url: url('techniques', 'T1562'),
        },
        {
          id: 'T1562.001',
          name: 'Disable or Modify Tools',
          tactics: ['TA0112'],
          platforms: ['Linux', 'Windows'],
          description: 'Disable or Modify Tools description.',
          url: url('techniques', 'T1562.001'),
          parent: 'T1562',
        },
        {
          id: 'T1566',
          name: 'Phishing',
          tactics: ['TA0001'],
          platforms: ['Linux', 'Windows'],
          description: 'Adversaries may send phishing messages. Phishing is social engineering.',
          url: url('techniques', 'T1566'),
          mitigations: ['M1017'],
        },
        {
          id: 'T1566.001',
          name: 'Spearphishing Attachment',
          tactics: ['TA0001'],
          platforms: ['Linux', 'Windows'],
          description: 'Spearphishing Attachment description.',
          url: url('techniques', 'T1566.001'),
          parent: 'T1566',
          mitigations: ['M1017', 'M1049'],
        },
      ],
      mitigations: [
        { id: 'M1017', name: 'User Training' },
        { id: 'M1049', name: 'Antivirus/Antimalware' },
      ],
      groups: [{ id: 'G0007', name: 'APT28', aliases: ['Sofacy', 'Fancy Bear'] }],
      software: [
        { id: 'S0002', name: 'Mimikatz', type: 'tool' },
        { id: 'S0154', name: 'Cobalt Strike', type: 'malware', aliases: ['CS Beacon'] },
      ],
    };
    assert.deepEqual(stixToCatalog(readFixture()), expected);
  });

  it('is deterministic', () => {
    assert.equal(JSON.stringify(stixToCatalog(readFixture())), JSON.stringify(stixToCatalog(readFixture())));
  });

  it('takes the version from a collection, then the bundle id, then the option', () => {
    assert.equal(stixToCatalog(readFixture(), { version: '1.0' }).attackVersion, '19.0');
    assert.equal(stixToCatalog(miniBundle([], 'bundle--attack-enterprise-18.1-reduced')).attackVersion, '18.1');
    assert.equal(stixToCatalog(miniBundle([]), { version: '17.0' }).attackVersion, '17.0');
    assert.equal(stixToCatalog(miniBundle([])).attackVersion, 'unknown');
  });

  it('follows revoked-by chains to the current replacement', () => {
    const bundle = miniBundle([
      pattern('attack-pattern--a', 'T1150', { revoked: true }),
      pattern('attack-pattern--b', 'T1547.011', { revoked: true }),
      pattern('attack-pattern--c', 'T1647'),
      { type: 'relationship', id: 'relationship--1', relationship_type: 'revoked-by', source_ref: 'attack-pattern--a', target_ref: 'attack-pattern--b' },
      { type: 'relationship', id: 'relationship--2', relationship_type: 'revoked-by', source_ref: 'attack-pattern--b', target_ref: 'attack-pattern--c' },
    ]);
    const byId = new Map(stixToCatalog(bundle).techniques.map((t) => [t.id, t]));
    assert.equal(byId.get('T1150')?.replacedBy, 'T1647');
    assert.equal(byId.get('T1547.011')?.replacedBy, 'T1647');
    assert.equal(byId.get('T1547.011')?.parent, 'T1547');
    assert.equal(byId.get('T1647')?.replacedBy, undefined);
  });

  it('survives cyclic revoked-by relationships', () => {
    const bundle = miniBundle([
      pattern('attack-pattern--a', 'T0001', { revoked: true }),
      pattern('attack-pattern--b', 'T0002', { revoked: true }),
      { type: 'relationship', id: 'relationship--1', relationship_type: 'revoked-by', source_ref: 'attack-pattern--a', target_ref: 'attack-pattern--b' },
      { type: 'relationship', id: 'relationship--2', relationship_type: 'revoked-by', source_ref: 'attack-pattern--b', target_ref: 'attack-pattern--a' },
    ]);
    assert.equal(stixToCatalog(bundle).techniques.length, 2);
  });

  it('without a matrix, orders tactics by id and leaves the domain empty', () => {
    const catalog = stixToCatalog(
      miniBundle([
        {
          type: 'x-mitre-tactic',
          id: 'x-mitre-tactic--2',
          name: 'Initial Access',
          external_references: [{ source_name: 'mitre-attack', external_id: 'TA0001' }],
        },
      ]),
    );
    assert.deepEqual(
      catalog.tactics.map((t) => [t.id, t.shortname, t.order]),
      [
        ['TA0001', 'initial-access', 0],
        ['TA0040', 'impact', 1],
      ],
    );
    assert.equal(catalog.domain, '');
  });

  it('keeps the first paragraph and strips citations', () => {
    assert.equal(firstParagraph('\n\nFirst (Citation: A) line.(Citation: B (2019))\nmore.\n\nSecond.'), 'First line.\nmore.');
    assert.equal(firstParagraph(''), '');
  });

  it('rejects what is not a STIX bundle', () => {
    for (const value of [null, 42, 'bundle', [], {}, { type: 'bundle' }, { type: 'report', objects: [] }]) {
      assert.throws(() => stixToCatalog(value), /Not a STIX bundle/);
    }
  });

  it('rejects a bundle without ATT&CK tactics', () => {
    assert.throws(() => stixToCatalog({ type: 'bundle', id: 'bundle--x', objects: [] }), /no ATT&CK tactics/);
  });
});
