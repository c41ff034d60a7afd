import { nodeCrypto } from './lazyCrypto';
import {
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * How `increport site -o DIR` writes a folder of pages without ever losing a file it did not write:
 *
 * - DIR must be new, empty, or a site an earlier `increport site` wrote: a folder with the marker file
 *   `.increport-site` in which every entry is a name the site command writes (index*.html, attack.html,
 *   metrics.html, indicators.html, reports/*.html, the marker). Anything else in it, and it is refused:
 *   a folder of reports, a home folder, a site someone added notes to.
 * - DIR may not hold any of the reports being read (at any depth, by real path), marker or not; nor be a
 *   symbolic link, a file, or in a folder that does not exist.
 * - the pages are written into a new hidden folder next to DIR (created exclusively), flushed, marked; then
 *   the old site is moved aside, the new one takes its name in one rename, and the old one is removed.
 *   An interrupted run leaves the old site or the new one, plus at worst a hidden `.DIR.increport-….tmp`.
 */

export const SITE_MARKER = '.increport-site';
const MARKER_TEXT = 'increport site: this folder was written by increport and is replaced as a whole by the next run.\n';

/** Names of the files a site holds; the folder check refuses a folder with anything else. */
const TOP_LEVEL = /^(?:index(?:-[a-z0-9]+-(?:asc|desc))?|attack|metrics|indicators)\.html$/;
const REPORT_PAGE = /^[a-z0-9][a-z0-9-]{0,80}\.html$/;
/** What writePage accepts: a top-level page, or a page in reports/. */
const PAGE_NAME = /^(?:reports\/)?[a-z0-9][a-z0-9.-]{0,100}\.html$/;

export type SiteFolderState = { state: 'new' | 'empty' | 'site' } | { failure: string };

/** Whether `target` may receive a site now (see above), with the reason when not. */
export function checkSiteFolder(target: string, inputs: readonly string[]): SiteFolderState {
  const path = resolve(target);
  let stat;
  try {
    stat = lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') return { failure: code === 'ENOTDIR' ? 'a part of its folder path is not a folder' : `cannot inspect it (${code})` };
    try {
      if (!statSync(dirname(path)).isDirectory()) return { failure: 'its parent is not a folder' };
    } catch {
      return { failure: 'its parent folder does not exist (create it first)' };
    }
    return { state: 'new' };
  }
  if (stat.isSymbolicLink()) return { failure: 'is a symbolic link; increport does not write through links' };
  if (!stat.isDirectory()) return { failure: 'is not a folder' };
  const real = realpathSync(path);
  const held = inputs.find((input) => isInside(realOrResolved(input), real));
  if (held !== undefined) return { failure: `holds reports being read (${basename(held)}); choose a folder outside them` };
  const entries = readdirSync(path);
  if (entries.length === 0) return { state: 'empty' };
  if (!isMarker(join(path, SITE_MARKER)))
    return { failure: `is not empty and is not a site written by increport (no ${SITE_MARKER} in it); choose a new or empty folder` };
  const foreign = foreignEntries(path, entries);
  if (foreign.length > 0)
    return { failure: `holds files increport site did not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}); it would replace them` };
  return { state: 'site' };
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function isMarker(path: string): boolean {
  try {
    return lstatSync(path).isFile() && readFileSync(path, 'utf8') === MARKER_TEXT;
  } catch {
    return false;
  }
}

function foreignEntries(path: string, entries: readonly string[]): string[] {
  const foreign: string[] = [];
  for (const entry of entries) {
    if (entry === SITE_MARKER) continue;
    const stat = lstatSync(join(path, entry));
    if (entry === 'reports' && stat.isDirectory()) {
      for (const page of readdirSync(join(path, entry)))
        if (!REPORT_PAGE.test(page) || !lstatSync(join(path, entry, page)).isFile()) foreign.push(`reports/${page}`);
    } else if (!TOP_LEVEL.test(entry) || !stat.isFile()) foreign.push(entry);
  }
  return foreign;
}

/** A site being written: pages go into a hidden staging folder next to the target until commit(). */
export class SiteWriter {
  private readonly staging: string;
  private pages = 0;
  private done = false;

  private constructor(
    private readonly target: string,
    private readonly inputs: readonly string[],
  ) {
    this.staging = join(dirname(target), `.${basename(target).slice(0, 100)}.increport-${process.pid}-${nodeCrypto().randomBytes(6).toString('hex')}.tmp`);
    mkdirSync(this.staging); // fails if the name exists: never a folder someone else made
    mkdirSync(join(this.staging, 'reports'));
  }

  /** Checks the folder (checkSiteFolder) and starts a staging folder, or says why not. */
  static begin(target: string, inputs: readonly string[]): SiteWriter | { failure: string } {
    const path = resolve(target);
    const checked = checkSiteFolder(path, inputs);
    if ('failure' in checked) return checked;
    try {
      return new SiteWriter(path, inputs);
    } catch (error) {
      return { failure: `cannot create a folder next to it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
    }
  }

  get pageCount(): number {
    return this.pages;
  }

  /** Writes one page; `name` is a site file name (PAGE_NAME), never a path from a report. */
  writePage(name: string, html: string): void {
    if (!PAGE_NAME.test(name) || name.includes('..')) throw new Error(`not a site page name: ${JSON.stringify(name)}`);
    writeDurably(join(this.staging, ...name.split('/')), html);
    this.pages++;
  }

  /** Marks the staging folder as a site and puts it in the target's place (the old site, if any, is removed). */
  commit(): { ok: true } | { failure: string } {
    writeDurably(join(this.staging, SITE_MARKER), MARKER_TEXT);
    // Checked again: the folder may have changed while the pages were written.
    const checked = checkSiteFolder(this.target, this.inputs);
    if ('failure' in checked) {
      this.abort();
      return checked;
    }
    const aside = `${this.staging}.old`;
    try {
      if (checked.state !== 'new') renameSync(this.target, aside);
      try {
        renameSync(this.staging, this.target);
      } catch (error) {
        if (checked.state !== 'new') renameSync(aside, this.target);
        throw error;
      }
    } catch (error) {
      this.abort();
      return { failure: `cannot move the new site into place (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
    }
    this.done = true;
    if (checked.state !== 'new') rmSync(aside, { recursive: true, force: true });
    return { ok: true };
  }

  /** Removes the staging folder (after a failure). */
  abort(): void {
    if (this.done) return;
    this.done = true;
    rmSync(this.staging, { recursive: true, force: true });
  }
}

function writeDurably(path: string, text: string): void {
  const fd = openSync(path, 'wx', 0o666);
  try {
    const bytes = Buffer.from(text, 'utf8');
    for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
