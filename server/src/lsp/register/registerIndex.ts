import { fileURLToPath } from 'node:url';
import { fileStamp, reportFileUris } from './registerDisk';
import { displayPath, folderOf, isUnderRoot, toItem, type RegisterFolder } from './registerPaths';
import type { AnalysedReport } from '../../engine/analysedReport';
import {
  buildRegister,
  indicatorKey,
  registerPartsOf,
  registerRow,
  reportName,
  type Register,
  type RegisterPart,
  type RegisterRow,
} from '../../engine/register';
import { readReportFile } from '../../node/readReport';
import type { RegisterItem, RegisterResult } from '../protocol';
import type { OpenDocument, ReportSession } from '../reportSession';

/** How long one slice of background indexing may hold the server before requests get their turn. */
export const INDEX_SLICE_MS = 4;
/** After a message from the editor, indexing waits this long: a request's reading, handling and answer take several turns of the event loop. */
export const QUIET_AFTER_MESSAGE_MS = 40;
/** After the pending messages: setImmediate on Node; a browser worker (the web build) has only setTimeout. */
const afterMessages: (callback: () => void) => void =
  typeof setImmediate === 'function' ? (callback) => setImmediate(callback) : (callback) => setTimeout(callback, 0);

interface Entry {
  /** `v<version>` for an open document, `m<mtime>:<size>` for a file on disk: the row is reused while it matches. */
  key: string;
  row: RegisterRow | null;
  error?: string;
  /** What the register's parts read of the row (registerPartsOf), to tell which parts a new row changes. */
  parts?: Record<RegisterPart, string>;
}

export type { RegisterFolder };

const PARTS: readonly RegisterPart[] = ['metrics', 'attack', 'indicators'];

/**
 * Work that follows indexing, in the same slices (the metrics page's sections, handlers/registerPage.ts):
 * once the index is complete and after each later change, `step` is called once per slice until it says
 * there is nothing left.
 */
export interface IndexFollower {
  /** Does one step of the work (one section drawn); false when there was nothing left to do. */
  step(): boolean;
  /** Steps that did work since the server started (sections drawn), for the result's stats. */
  readonly steps: number;
}

export interface RegisterIndexDependencies {
  session: () => ReportSession;
  /** Every folder of the workspace (a multi-root workspace has several); none outside a folder. */
  folders: () => readonly RegisterFolder[];
  /** The open document of a URI, whose unsaved text wins over the file. */
  openDocument: (uri: string) => OpenDocument | undefined;
  /** Called (not more than once a tick) when rows changed or indexing progressed. */
  onChange: () => void;
  onError: (message: string) => void;
}

/**
 * The workspace's register rows, kept up to date one report at a time (docs/register.md, "In the editor").
 * Files are found as `increport summary <folder>` finds them (collectFiles.ts, each folder's configuration)
 * and checked in the background in slices of INDEX_SLICE_MS, so requests are answered from the cache in
 * between; a row is recomputed only when its report changes (an open document's version, a file's mtime and
 * size), so a changed report re-checks only itself. What is computed over the rows (the register, the items
 * of the view, the indicator index for hover) is cached until a row changes.
 */
export class RegisterIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly queue = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private started = false;
  private pumping = false;
  private quietUntil = 0;
  private deferred = false;
  private scanned = false;
  private rowChecks = 0;
  private cachedItems: RegisterItem[] | undefined;
  private cachedRegister: Register | undefined;
  private cachedIndicators: Map<string, { path: string; name: string }[]> | undefined;
  /** The register last built, and what changed since: the next one keeps the parts no change touched. */
  private lastRegister: Register | undefined;
  private readonly dirty = new Set<RegisterPart | 'names'>([...PARTS, 'names']);
  private namesVersion = 0;
  private cachedUriOf: Map<string, string> | undefined;
  private follower: IndexFollower | undefined;
  /** The follower has done its work for the rows as they are (reset by every change). */
  private followed = false;

  constructor(private readonly dependencies: RegisterIndexDependencies) {}

  /** Finds the workspace's reports and starts indexing them, once; later calls do nothing. */
  start(): void {
    if (this.started) return;
    this.started = true;
    // The folder walk is the one long step: after the request that started it has been answered.
    this.scanned = false;
    afterMessages(() => {
      this.scanned = true;
      this.rescanAll();
    });
  }

  /** The configuration or settings changed: every row may differ. Old rows answer until their report is checked again. */
  rescanAll(): void {
    if (!this.started || !this.scanned) return;
    for (const entry of this.entries.values()) entry.key = '';
    const session = this.dependencies.session();
    const found = new Set<string>();
    for (const folder of this.dependencies.folders())
      for (const uri of reportFileUris(folder.path, (directory) => session.configForDirectory(directory))) found.add(uri);
    for (const uri of this.entries.keys()) if (!found.has(uri)) this.remove(uri);
    for (const uri of found) this.queue.add(uri);
    // Nothing to check (an empty workspace; in the browser, no report open): the scan itself completes the
    // register, and the view, which was told "not complete", must hear of it.
    if (this.queue.size === 0) this.changed();
    else this.pump();
  }

  /** A report was created or changed (on disk, or an open document's text): check it again when its turn comes. */
  touch(uri: string): void {
    if (!this.started || !uri.startsWith('file:') || !this.isUnderRoot(uri) || !uri.toLowerCase().endsWith('.md')) return;
    this.queue.add(uri);
    this.pump();
  }

  /** An open document is being edited: touch it once typing pauses (by then its diagnostics have checked that version). */
  touchSoon(uri: string, delayMs: number): void {
    if (!this.started) return;
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.touch(uri);
      }, delayMs),
    );
  }

  remove(uri: string): void {
    this.queue.delete(uri);
    if (this.entries.get(uri)?.row) this.dirtyAll();
    if (this.entries.delete(uri)) this.changed();
  }

  get isStarted(): boolean {
    return this.started;
  }

  get isComplete(): boolean {
    return this.started && this.scanned && this.queue.size === 0;
  }

  get pending(): number {
    return this.queue.size;
  }

  /** Work to do in the background once the index is complete (and again after each change): see IndexFollower. */
  follow(follower: IndexFollower): void {
    this.follower = follower;
    this.followed = false;
    this.pump();
  }

  /** The follower has work to do now: the index is complete and nothing changed since it last said it was done. */
  private get following(): boolean {
    return this.follower !== undefined && !this.followed && this.isComplete;
  }

  /** The view's answer: from the cache, never waiting for a check. */
  result(): RegisterResult {
    this.cachedItems ??= [...this.entries]
      .filter(([, entry]) => entry.row)
      .map(([uri, entry]) => toItem(uri, entry.row!, this.folderOf(entry.row!.path)))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const notChecked = [...this.entries].filter(([, entry]) => entry.error).map(([uri, entry]) => ({ uri, reason: entry.error! }));
    return {
      items: this.cachedItems,
      complete: this.isComplete,
      pending: this.queue.size,
      notChecked,
      stats: {
        rowChecks: this.rowChecks,
        engineChecks: this.dependencies.session().checks,
        sectionDraws: this.follower?.steps ?? 0,
        pagePrepared: this.isComplete && this.followed,
      },
    };
  }

  /**
   * The register of the rows indexed so far, with their paths; the URI of each path; and a number that changes
   * when a report's name (ID or title) or the set of reports changes. Rebuilt after a change keeping the parts
   * (metrics, ATT&CK frequency, indicator index) that no changed row touched.
   */
  register(tool: { name: string; version: string }): { register: Register; uriOf: Map<string, string>; namesVersion: number } {
    if (!this.cachedRegister) {
      const rows = [...this.entries.values()].flatMap((entry) => (entry.row ? [entry.row] : []));
      const unchanged = new Set(PARTS.filter((part) => !this.dirty.has(part)));
      this.cachedRegister = buildRegister(rows, [], tool, this.lastRegister && { previous: this.lastRegister, unchanged });
      if (this.dirty.has('names')) this.namesVersion++;
      this.lastRegister = this.cachedRegister;
      this.dirty.clear();
    }
    this.cachedUriOf ??= new Map([...this.entries].flatMap(([uri, entry]) => (entry.row ? [[entry.row.path, uri] as const] : [])));
    return { register: this.cachedRegister, uriOf: this.cachedUriOf, namesVersion: this.namesVersion };
  }

  /** Indicator key → the reports that mention it (hover's "also in"), and the path the index knows `uri` by. */
  indicatorReports(uri: string): { byIndicator: ReadonlyMap<string, readonly { path: string; name: string }[]>; self: string } {
    if (!this.cachedIndicators) {
      const index = new Map<string, { path: string; name: string }[]>();
      for (const entry of this.entries.values()) {
        if (!entry.row) continue;
        const report = { path: entry.row.path, name: reportName(entry.row) };
        for (const key of new Set(entry.row.indicators.map((indicator) => indicatorKey(indicator.type, indicator.refanged)))) {
          const list = index.get(key);
          if (list) list.push(report);
          else index.set(key, [report]);
        }
      }
      this.cachedIndicators = index;
    }
    return { byIndicator: this.cachedIndicators, self: this.displayPath(uri) };
  }

  /** A message from the editor arrived: leave the server to it for QUIET_AFTER_MESSAGE_MS. */
  noteActivity(): void {
    this.quietUntil = performance.now() + QUIET_AFTER_MESSAGE_MS;
  }

  /**
   * Checks queued reports for up to INDEX_SLICE_MS, then yields to pending messages (setImmediate) and goes on;
   * once the queue is empty, a slice is one step of the follower's work (one section of the metrics page).
   */
  private pump(): void {
    if (this.pumping || (this.queue.size === 0 && !this.following)) return;
    this.pumping = true;
    // One pause per slice at most: a steady stream of messages (typing) slows indexing down, never stops it.
    const quiet = this.deferred ? 0 : this.quietUntil - performance.now();
    if (quiet > 0) {
      this.deferred = true;
      setTimeout(() => {
        this.pumping = false;
        this.pump();
      }, quiet);
      return;
    }
    this.deferred = false;
    afterMessages(() => {
      if (this.queue.size === 0) {
        this.followStep();
        this.pumping = false;
        this.pump();
        return;
      }
      const until = performance.now() + INDEX_SLICE_MS;
      let changed = false;
      for (const uri of this.queue) {
        this.queue.delete(uri);
        try {
          changed = this.refresh(uri) || changed;
        } catch (error) {
          this.dependencies.onError(`increport: indexing ${uri} failed: ${(error as Error).stack ?? String(error)}`);
        }
        if (performance.now() >= until) break;
      }
      this.pumping = false;
      if (changed || this.queue.size === 0) this.changed();
      this.pump();
    });
  }

  /** One step of the follower's work, when it still has some; a step that throws ends the work until the next change. */
  private followStep(): void {
    if (!this.following) return;
    try {
      if (!this.follower!.step()) this.followed = true;
    } catch (error) {
      this.followed = true;
      this.dependencies.onError(`increport: preparing the register page failed: ${(error as Error).stack ?? String(error)}`);
    }
  }

  /** Recomputes one row when its report changed; true when the register changed. */
  private refresh(uri: string): boolean {
    const open = this.dependencies.openDocument(uri);
    const previous = this.entries.get(uri);
    if (open) {
      const key = `v${open.version}`;
      if (previous?.key === key) return false;
      return this.store(uri, key, this.dependencies.session().analyze(open).report);
    }
    const key = fileStamp(fileURLToPath(uri));
    if (key === undefined) return previous ? (this.dirtyAll(), this.entries.delete(uri), true) : false; // deleted meanwhile
    if (previous?.key === key) return false;
    const read = readReportFile(fileURLToPath(uri));
    if ('error' in read) {
      if (previous?.row) this.dirtyAll();
      this.entries.set(uri, { key, row: null, error: read.error });
      return true;
    }
    const session = this.dependencies.session();
    const analysis = session.analyze({ uri, version: -1, getText: () => read.text });
    session.forget(uri);
    return this.store(uri, key, analysis.report);
  }

  private store(uri: string, key: string, report: AnalysedReport | undefined): boolean {
    const previous = this.entries.get(uri);
    if (!report) {
      if (previous?.row) this.dirtyAll();
      this.entries.set(uri, { key, row: null });
      return Boolean(previous?.row || previous?.error);
    }
    this.rowChecks++;
    const row = registerRow({ ...report, displayPath: this.displayPath(uri) });
    const parts = registerPartsOf(row);
    if (!previous?.row || !previous.parts) this.dirtyAll();
    else {
      for (const part of PARTS) if (previous.parts[part] !== parts[part]) this.dirty.add(part);
      if (reportName(previous.row) !== reportName(row)) this.dirty.add('names');
    }
    this.entries.set(uri, { key, row, parts });
    return true;
  }

  /** A report came or went: every part of the register, and the names, are computed again. */
  private dirtyAll(): void {
    for (const part of PARTS) this.dirty.add(part);
    this.dirty.add('names');
  }

  private changed(): void {
    this.cachedItems = undefined;
    this.cachedRegister = undefined;
    this.cachedIndicators = undefined;
    this.cachedUriOf = undefined;
    // The follower's work is to be done again for the new rows, once the queue is empty.
    this.followed = false;
    this.dependencies.onChange();
    this.pump();
  }

  /** The path users see (registerPaths.ts). */
  private displayPath(uri: string): string {
    return displayPath(this.dependencies.folders(), uri);
  }

  /** The workspace folder a path the index shows is in, when the workspace has several. */
  private folderOf(path: string): string | undefined {
    return folderOf(this.dependencies.folders(), path);
  }

  private isUnderRoot(uri: string): boolean {
    return isUnderRoot(this.displayPath(uri));
  }
}
