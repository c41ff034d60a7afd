import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { ALWAYS_EXCLUDED } from '../engine/config/configLoader';
import type { GlobList, ResolvedConfig } from '../engine/config/configTypes';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
const matcherCache = new Map<string, picomatch.Matcher>();

/** Glob lists repeat for every file under one config: compile each once. */
function matcher(globs: readonly string[], dot: boolean): picomatch.Matcher {
  const key = `${dot}\0${globs.join('\0')}`;
  let compiled = matcherCache.get(key);
  if (!compiled) matcherCache.set(key, (compiled = picomatch([...globs], { dot })));
  return compiled;
}

/** One thing to check: a file named or found, or an argument that matched nothing. */
export type Target = { kind: 'file'; path: string; explicit: boolean } | { kind: 'stdin' } | { kind: 'missing'; argument: string; reason: string };

/**
 * Expands the CLI's arguments: `-` is standard input, files are taken as named, folders are searched
 * for Markdown files that their configuration includes, and anything else is a glob. `beforeSearch` is
 * called once, before the first folder or glob is searched (a search may find thousands of files).
 */
export function collectTargets(
  args: readonly string[],
  cwd: string,
  configFor: (directory: string) => ResolvedConfig,
  beforeSearch: () => void = () => {},
): Target[] {
  let searched = false;
  const search = (root: string): string[] => {
    if (!searched) beforeSearch();
    searched = true;
    return walk(root);
  };
  const targets: Target[] = [];
  const seen = new Set<string>();
  const add = (path: string, explicit: boolean) => {
    if (seen.has(path)) return;
    seen.add(path);
    targets.push({ kind: 'file', path, explicit });
  };
  for (const argument of args) {
    if (argument === '-') {
      targets.push({ kind: 'stdin' });
      continue;
    }
    const path = resolve(cwd, argument);
    const stat = statOrUndefined(path);
    if (stat?.isFile()) {
      add(path, true);
    } else if (stat?.isDirectory()) {
      const found = search(path).filter((file) => isIncluded(file, path, configFor));
      if (found.length === 0) targets.push({ kind: 'missing', argument, reason: 'No Markdown files found in this folder' });
      found.forEach((file) => add(file, false));
    } else if (stat) {
      add(path, true); // a FIFO, device or socket: the read says what it is and refuses it
    } else if (picomatch.scan(argument).isGlob) {
      const { base, glob } = picomatch.scan(argument);
      const root = resolve(cwd, base || '.');
      const matches = picomatch(glob, { dot: false });
      const found = search(root).filter((file) => matches(toPosix(relative(root, file))) && !isExcluded(file, root, configFor));
      if (found.length === 0) targets.push({ kind: 'missing', argument, reason: 'No files match this pattern' });
      found.forEach((file) => add(file, false));
    } else {
      targets.push({ kind: 'missing', argument, reason: 'File not found' });
    }
  }
  return targets;
}

/** A folder's files are checked when their config includes them and does not exclude them. */
function isIncluded(file: string, searchRoot: string, configFor: (directory: string) => ResolvedConfig): boolean {
  const { include } = configFor(resolve(file, '..')).files;
  return matcher(include.globs, false)(relativeTo(include, file, searchRoot)) && !isExcluded(file, searchRoot, configFor);
}

/** Excluded files are never checked when found by a folder or a glob; named files are always checked. */
function isExcluded(file: string, searchRoot: string, configFor: (directory: string) => ResolvedConfig): boolean {
  const { exclude } = configFor(resolve(file, '..')).files;
  return matcher([...ALWAYS_EXCLUDED, ...exclude.globs], true)(relativeTo(exclude, file, searchRoot));
}

/** Globs are relative to their config's folder, or to the folder searched when the file lies outside it. */
function relativeTo(list: GlobList, file: string, searchRoot: string): string {
  const path = toPosix(relative(list.baseDirectory, file));
  return path.startsWith('../') ? toPosix(relative(searchRoot, file)) : path;
}

/** Files under `root`, sorted, not following symbolic links (no loops), skipping dependency folders. */
function walk(root: string): string[] {
  const files: string[] = [];
  const visit = (directory: string) => {
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return; // unreadable folders are skipped, like a shell glob would
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(directory, entry.name);
      if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) visit(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  visit(root);
  return files;
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
