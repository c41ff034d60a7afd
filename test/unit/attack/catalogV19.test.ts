import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { AttackCatalog } from '../../../server/src/engine/attack/catalog';
import type { CatalogData } from '../../../server/src/engine/attack/catalogTypes';
import { packageRoot } from '../../../server/src/node/packageRoot';
import { buildCatalog, catalogFileName, serializeCatalog } from '../../../scripts/build-attack-catalog';
import { REVOKED_IN_V19 } from './revokedInV19';

const projectRoot = packageRoot();
const dataDir = path.join(projectRoot, 'server/data/attack');
const v19Path = path.join(dataDir, 'enterprise-attack-19.2.catalog.json');
const v18Path = path.join(dataDir, 'enterprise-attack-18.1.catalog.json');
const sharedDir = path.resolve(projectRoot, '../shared/attack');
const sharedBundle = path.join(sharedDir, 'enterprise-attack-18.1.json');
const sharedList = path.join(sharedDir, 'enterprise-attack-19.2-techniques.json');
const sharedPresent = fs.existsSync(sharedBundle) && fs.existsSync(sharedList);

const readCatalog = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as CatalogData;
const active = (catalog: AttackCatalog) => catalog.allTechniques.filter((t) => t.revoked !== true && t.deprecated !== true);

describe('bundled ATT&CK v19.2 catalog', () => {
  const data = readCatalog(v19Path);
  const catalog = new AttackCatalog(data);
  const v18 = new AttackCatalog(readCatalog(v18Path));

  it('is ATT&CK Enterprise 19.2 with its provenance', () => {
    assert.equal(catalog.version, '19.2');
    assert.equal(catalog.domain, 'enterprise-attack');
    assert.match(data.source, /enterprise-attack-19\.2-techniques\.json/);
    assert.match(data.source, /18\.1/);
    assert.match(data.provenance ?? '', /v19\.2 list .*v18\.1 bundle/s);
  });

  it('has 15 tactics in matrix order, Stealth TA0005 then Defense Impairment TA0112', () => {
    assert.deepEqual(
      catalog.tactics.map((t) => t.id),
      ['TA0043', 'TA0042', 'TA0001', 'TA0002', 'TA0003', 'TA0004', 'TA0005', 'TA0112', 'TA0006', 'TA0007', 'TA0008', 'TA0009', 'TA0011', 'TA0010', 'TA0040'],
    );
    assert.deepEqual(
      catalog.tactics.map((t) => t.order),
      catalog.tactics.map((_, i) => i),
    );
    assert.deepEqual(catalog.findTactic('Stealth'), { id: 'TA0005', name: 'Stealth', shortname: 'stealth', order: 6 });
    assert.deepEqual(catalog.findTactic('defense-impairment'), { id: 'TA0112', name: 'Defense Impairment', shortname: 'defense-impairment', order: 7 });
    assert.equal(catalog.findTactic('defense-evasion'), undefined);
  });

  it('has 222 techniques and 475 sub-techniques, every one with known tactics and a url', () => {
    const current = active(catalog);
    assert.equal(current.filter((t) => t.parent === undefined).length, 222);
    assert.equal(current.filter((t) => t.parent !== undefined).length, 475);
    for (const t of current) {
      assert.ok(t.tactics.length > 0, t.id);
      for (const tactic of t.tactics) assert.ok(catalog.tacticById(tactic), `${t.id}: ${tactic}`);
      assert.equal(t.url, `https://attack.mitre.org/techniques/${t.id.replace('.', '/')}`);
      if (t.parent !== undefined) assert.equal(catalog.isRevoked(t.parent), false, t.id);
    }
  });

  it('maps every technique revoked in v19 to its replacement', () => {
    for (const [id, replacement] of Object.entries(REVOKED_IN_V19)) {
      assert.equal(v18.isRevoked(id), false, `${id} is active in v18.1`);
      assert.equal(catalog.isRevoked(id), true, id);
      assert.equal(catalog.replacementOf(id)?.id, replacement, id);
    }
    assert.equal(catalog.replacementOf('T1562.001')?.name, 'Disable or Modify Tools');
    // Older revocations that pointed at a technique revoked in v19 now lead to the current one.
    assert.equal(v18.replacementOf('T1089')?.id, 'T1562.001');
    assert.equal(catalog.replacementOf('T1089')?.id, 'T1685');
    for (const t of catalog.allTechniques.filter((t) => t.revoked === true)) {
      assert.equal(catalog.isRevoked(t.replacedBy ?? ''), false, `${t.id} -> ${t.replacedBy}`);
    }
  });

  it('keeps the v18.1 description, platforms and mitigations of unchanged techniques', () => {
    const t1027 = catalog.technique('T1027');
    assert.ok(t1027);
    assert.equal(t1027.description, v18.technique('T1027')?.description);
    assert.match(t1027.description, /^Adversaries may attempt to make an executable or file difficult to discover/);
    assert.deepEqual(t1027.platforms, v18.technique('T1027')?.platforms);
    assert.deepEqual(
      catalog.mitigationsOf('T1027').map((m) => m.id),
      ['M1017', 'M1040', 'M1047', 'M1049'],
    );
    assert.deepEqual(
      catalog.tacticsOfTechnique('T1027').map((t) => t.name),
      ['Stealth'],
    );
  });

  it('gives new techniques a name, tactics and url but no description', () => {
    const t = catalog.technique('T1685.005');
    assert.ok(t);
    assert.equal(t.name, 'Clear Windows Event Logs');
    assert.equal(t.parent, 'T1685');
    assert.deepEqual(t.tactics, ['TA0112']);
    assert.equal(t.url, 'https://attack.mitre.org/techniques/T1685/005');
    assert.equal(t.description, '');
    assert.deepEqual(t.platforms, []);
    assert.equal(t.mitigations, undefined);
    assert.equal(v18.technique('T1685.005'), undefined);
  });

  it('does not reuse v18.1 text for renamed techniques', () => {
    const t = catalog.technique('T1211');
    assert.equal(t?.name, 'Exploitation for Stealth');
    assert.equal(v18.technique('T1211')?.name, 'Exploitation for Defense Evasion');
    assert.equal(t?.description, '');
  });

  it('matches what the build script generates', { skip: !sharedPresent && 'shared ATT&CK inputs not present' }, () => {
    const fresh = buildCatalog(sharedBundle, { techniques: sharedList });
    assert.equal(catalogFileName(fresh), path.basename(v19Path));
    assert.equal(serializeCatalog(fresh), fs.readFileSync(v19Path, 'utf8'));
  });
});
