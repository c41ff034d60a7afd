import { after, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AttackCatalog, catalogFromStixText } from '../../../server/src/engine/attack/catalog';
import type { CatalogData } from '../../../server/src/engine/attack/catalogTypes';
import { stixToCatalog } from '../../../server/src/engine/attack/stixToCatalog';
import { bundledCatalogPath, loadBundledCatalog } from '../../../server/src/node/bundledResources';
import { packageRoot } from '../../../server/src/node/packageRoot';

const projectRoot = packageRoot();
const fixturePath = path.join(projectRoot, 'test/fixtures/attack/synthetic-v19.json');
const sharedBundle = path.resolve(projectRoot, '../shared/attack/enterprise-attack-18.1.json');
const ids = (items: readonly { id: string }[]) => items.map((i) => i.id);

describe('bundled ATT&CK catalog (v18.1, converted from the MITRE bundle)', () => {
  const catalog = loadBundledCatalog('18.1');

  it('is found from the package root and loaded once; v19.2 is the default', () => {
    assert.match(bundledCatalogPath(undefined, '18.1'), /server[\\/]data[\\/]attack[\\/]enterprise-attack-18\.1\.catalog\.json$/);
    assert.match(bundledCatalogPath(), /server[\\/]data[\\/]attack[\\/]enterprise-attack-19\.2\.catalog\.json$/);
    assert.ok(fs.existsSync(bundledCatalogPath(undefined, '18.1')));
    assert.equal(loadBundledCatalog('18.1'), catalog);
    assert.equal(loadBundledCatalog().version, '19.2');
    assert.equal(loadBundledCatalog(), loadBundledCatalog('19.2'));
  });

  it('is ATT&CK Enterprise 18.1 with 14 tactics in matrix order', () => {
    assert.equal(catalog.version, '18.1');
    assert.equal(catalog.domain, 'enterprise-attack');
    assert.deepEqual(ids(catalog.tactics), [
      'TA0043',
      'TA0042',
      'TA0001',
      'TA0002',
      'TA0003',
      'TA0004',
      'TA0005',
      'TA0006',
      'TA0007',
      'TA0008',
      'TA0009',
      'TA0011',
      'TA0010',
      'TA0040',
    ]);
    assert.equal(catalog.tactics[0].name, 'Reconnaissance');
    assert.equal(catalog.tactics[13].name, 'Impact');
    assert.equal(catalog.tacticById('ta0011')?.name, 'Command and Control');
  });

  it('looks up techniques and sub-techniques case-insensitively', () => {
    const attachment = catalog.technique('t1566.001');
    assert.equal(attachment?.name, 'Spearphishing Attachment');
    assert.equal(attachment?.parent, 'T1566');
    assert.equal(catalog.technique('T1566/001'), attachment);
    assert.deepEqual(
      catalog.tacticsOfTechnique('T1566.001').map((t) => t.shortname),
      ['initial-access'],
    );
    assert.ok(attachment?.description.startsWith('Adversaries may send spearphishing emails'));
    assert.doesNotMatch(attachment?.description ?? '', /Citation/);
    assert.equal(attachment?.url, 'https://attack.mitre.org/techniques/T1566/001');
    assert.equal(catalog.technique('T9999'), undefined);
    assert.deepEqual(catalog.tacticsOfTechnique('T9999'), []);
  });

  it('maps revoked techniques to their current replacement', () => {
    assert.ok(catalog.isRevoked('T1193'));
    assert.equal(catalog.replacementOf('T1193')?.id, 'T1566.001');
    // T1150 was revoked by T1547.011, itself later revoked by T1647.
    assert.equal(catalog.replacementOf('t1150')?.id, 'T1647');
    assert.equal(catalog.replacementOf('T1566'), undefined);
    assert.ok(catalog.isDeprecated('T1064'));
    assert.ok(!catalog.isDeprecated('T1059'));
  });

  it('lists mitigations of a technique', () => {
    const mitigations = catalog.mitigationsOf('T1566.001');
    assert.ok(mitigations.some((m) => m.id === 'M1049' && m.name === 'Antivirus/Antimalware'));
    assert.ok(mitigations.some((m) => m.id === 'M1017' && m.name === 'User Training'));
    assert.deepEqual(catalog.mitigationsOf('T9999'), []);
  });

  it('finds tactics however they are written', () => {
    for (const text of [
      'Command and Control',
      'Command & Control',
      'command&control',
      '  COMMAND   and control ',
      'command-and-control',
      'CommandAndControl',
      'TA0011',
      'ta0011',
    ]) {
      assert.equal(catalog.findTactic(text)?.id, 'TA0011', text);
    }
    assert.equal(catalog.findTactic('privilege escalation')?.id, 'TA0004');
    assert.equal(catalog.findTactic('Command'), undefined);
    assert.equal(catalog.findTactic(''), undefined);
  });

  it('suggests tactics for misspellings', () => {
    assert.equal(catalog.suggestTactics('Priviledge Escalation')[0]?.name, 'Privilege Escalation');
    assert.equal(catalog.suggestTactics('Lateral Movment')[0]?.id, 'TA0008');
    assert.equal(catalog.suggestTactics('exfiltraton', 1)[0]?.id, 'TA0010');
    assert.deepEqual(catalog.suggestTactics('banana'), []);
    assert.deepEqual(catalog.suggestTactics(''), []);
  });

  it('ranks an exact id first, then id-prefix matches', () => {
    assert.deepEqual(ids(catalog.searchTechniques('T1566')), ['T1566', 'T1566.001', 'T1566.002', 'T1566.003', 'T1566.004']);
    const prefixed = catalog.searchTechniques('t156', { limit: 3 });
    assert.equal(prefixed.length, 3);
    assert.ok(prefixed.every((t) => t.id.startsWith('T156')));
  });

  it('ranks name-word prefix matches and boosts the given tactic', () => {
    assert.deepEqual(ids(catalog.searchTechniques('spearphishing attach').slice(0, 2)), ['T1566.001', 'T1598.002']);
    const inRecon = catalog.searchTechniques('spearphishing attach', { tacticId: 'Reconnaissance' });
    assert.deepEqual(ids(inRecon.slice(0, 2)), ['T1598.002', 'T1566.001']);
    assert.equal(catalog.searchTechniques('phishing')[0]?.id, 'T1566');
  });

  it('leaves revoked techniques out of searches unless asked for by id', () => {
    assert.ok(!ids(catalog.searchTechniques('spearphishing attachment', { limit: 50 })).includes('T1193'));
    assert.ok(ids(catalog.searchTechniques('spearphishing attachment', { includeDeprecated: true })).includes('T1193'));
    assert.deepEqual(ids(catalog.searchTechniques('T1193')), ['T1193']);
    assert.deepEqual(catalog.searchTechniques('   '), []);
  });

  it('finds groups and software by id, name or alias', () => {
    for (const text of ['G0007', 'g0007', 'APT28', 'fancy  bear', 'Sofacy']) assert.equal(catalog.group(text)?.id, 'G0007', text);
    // MONSOON is both revoked G0042's name and an alias of Patchwork: the current group wins.
    assert.equal(catalog.group('MONSOON')?.id, 'G0040');
    assert.equal(catalog.group('G0042')?.replacedBy, 'G0040');
    assert.equal(catalog.software('mimikatz')?.id, 'S0002');
    assert.equal(catalog.software('S0002')?.type, 'tool');
    assert.equal(catalog.software('Ngrok')?.id, 'S0508');
    assert.equal(catalog.group('no such group'), undefined);
  });

  it('matches a fresh conversion of the source bundle', { skip: !fs.existsSync(sharedBundle) && 'source bundle not present' }, () => {
    const fresh = stixToCatalog(JSON.parse(fs.readFileSync(sharedBundle, 'utf8')), { version: '18.1' });
    assert.deepEqual(JSON.parse(fs.readFileSync(bundledCatalogPath(undefined, '18.1'), 'utf8')), fresh);
  });
});

describe('catalog from another STIX bundle (v19-style)', () => {
  const catalog = catalogFromStixText(fs.readFileSync(fixturePath, 'utf8'), fixturePath);

  it('knows the split of Defense Evasion into Stealth and Defense Impairment', () => {
    assert.equal(catalog.version, '19.0');
    assert.equal(catalog.findTactic('Stealth')?.id, 'TA0005');
    assert.equal(catalog.findTactic('defense impairment')?.id, 'TA0112');
    assert.equal(catalog.findTactic('Defense Evasion'), undefined);
    assert.deepEqual(
      catalog.tacticsOfTechnique('T1562.001').map((t) => t.name),
      ['Defense Impairment'],
    );
    assert.equal(catalog.replacementOf('T1193')?.id, 'T1566.001');
    assert.deepEqual(catalog.mitigationsOf('T1566'), [{ id: 'M1017', name: 'User Training' }]);
  });
});

describe('catalog loading errors', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'attack-catalog-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  // Reading the file (missing, FIFO, too large) is the bounded read's job: test/unit/node/boundedRead.test.ts.
  it('reports invalid JSON by its shape and place, never quoting the text', () => {
    assert.throws(() => catalogFromStixText('{"type": "bundle", ', '/b/broken.json'), {
      message: 'ATT&CK bundle /b/broken.json is not valid JSON: Expected double-quoted property name at the end of the file',
    });
    assert.throws(() => catalogFromStixText('', '/b/empty.json'), {
      message: 'ATT&CK bundle /b/empty.json is not valid JSON: the file ends before the JSON value does',
    });
    assert.throws(() => catalogFromStixText('{"type": "bundle",\n  x: 1}', '/b/broken.json'), {
      message: 'ATT&CK bundle /b/broken.json is not valid JSON: Expected double-quoted property name at line 2, column 3',
    });
    assert.throws(() => catalogFromStixText('AKIAIOSFODNN7EXAMPLE', '/b/credentials'), {
      message: 'ATT&CK bundle /b/credentials is not valid JSON: Unexpected character',
    });
  });

  it('reports JSON that is not a STIX bundle', () => {
    assert.throws(() => catalogFromStixText('{"name": "not-a-bundle"}', '/b/package.json'), /package\.json: Not a STIX bundle/);
  });

  it('rejects catalog data of another format version', () => {
    const data = { ...JSON.parse(fs.readFileSync(bundledCatalogPath(), 'utf8')), formatVersion: 99 } as CatalogData;
    assert.throws(() => new AttackCatalog(data), /Unsupported ATT&CK catalog format 99/);
  });

  it('fails clearly when the package root cannot be found', () => {
    assert.throws(() => bundledCatalogPath(tmp), /Cannot find the incident-report-studio package root/);
  });
});
