import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import { loadBundledCatalog } from '../engine/attack/catalog';
import { ConfigError, type ConfigFileSystem } from '../engine/config/configTypes';
import { nodeFileSystem } from '../engine/config/nodeFileSystem';
import { systemClock, type Clock } from '../engine/clock';
import type { FeatureContext } from '../engine/features/featureTypes';
import type { SchemaNode } from '../engine/schema/reportSpec';
import type { Finding } from '../engine/types';
import { ReportWorkspace } from '../engine/workspace';
import type { ReportSettings } from './settings';

/** A document as the session sees it: any object with these (vscode-languageserver's TextDocument fits). */
export interface OpenDocument {
  uri: string;
  version: number;
  getText(): string;
}

export interface Analysis {
  version: number;
  isReport: boolean;
  findings: Finding[];
  /** Set when the configuration could not be used: shown as one diagnostic on the report. */
  configError?: ConfigError;
  /** Present for reports: what editor features work on. */
  context?: FeatureContext;
}

/** In an untrusted workspace nothing the workspace provides is read: no config files. */
const NO_FILES: ConfigFileSystem = { readFile: () => undefined };

/**
 * The server's state: settings, the shared ReportWorkspace (config + engines), and the last analysis of
 * each open document, so that diagnostics, completion, hover and code actions agree on one model.
 */
export class ReportSession {
  private workspace: ReportWorkspace;
  private readonly analyses = new Map<string, Analysis>();
  private reportGlobs: picomatch.Matcher;
  /** Problems with the settings themselves (unreadable schema path), for the client to show. */
  settingsProblems: string[] = [];

  constructor(
    private settings: ReportSettings,
    private readonly rootPath: string | undefined,
    private readonly trusted: boolean,
    /** "Now" for the date rules and completion: the system clock, or INCREPORT_NOW. */
    readonly now: Clock = systemClock,
  ) {
    this.workspace = this.createWorkspace();
    this.reportGlobs = picomatch(settings.files, { dot: true });
  }

  get currentSettings(): ReportSettings {
    return this.settings;
  }

  get isTrusted(): boolean {
    return this.trusted;
  }

  /** New settings, or a changed config file: drop every cached analysis and engine. */
  reconfigure(settings: ReportSettings = this.settings): void {
    this.settings = settings;
    this.reportGlobs = picomatch(settings.files, { dot: true });
    this.workspace = this.createWorkspace();
    this.analyses.clear();
  }

  forget(uri: string): void {
    this.analyses.delete(uri);
  }

  /** The ATT&CK version in use for a document (status bar), or the bundled one. */
  attackVersion(uri: string | undefined): string {
    try {
      const config = this.workspace.configFor(this.pathOf(uri ?? 'untitled:report.md'));
      return this.workspace.catalogFor(config).version;
    } catch {
      return loadBundledCatalog().version; // an invalid configuration is reported on the document itself
    }
  }

  /** The analysis of the document's current version, computed once per version. */
  analyze(document: OpenDocument): Analysis {
    const cached = this.analyses.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const analysis = this.computeAnalysis(document);
    this.analyses.set(document.uri, analysis);
    return analysis;
  }

  /** The analysis last computed, whatever its version (for "check on save" mode). */
  lastAnalysis(uri: string): Analysis | undefined {
    return this.analyses.get(uri);
  }

  private computeAnalysis(document: OpenDocument): Analysis {
    const version = document.version;
    if (!this.settings.enable) return { version, isReport: false, findings: [] };
    const path = this.pathOf(document.uri);
    try {
      const result = this.workspace.checkFile(path, document.getText());
      const isReport = result.isReport || this.matchesReportGlobs(path);
      if (!isReport) return { version, isReport, findings: [] };
      const engine = this.workspace.engineFor(result.config);
      const context: FeatureContext = { model: result.model, spec: engine.schema.spec, catalog: engine.catalog, now: this.now() };
      return { version, isReport, findings: result.findings, context };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return { version, isReport: true, findings: [], configError: error };
    }
  }

  private matchesReportGlobs(path: string): boolean {
    if (!this.rootPath) return false;
    const relativePath = relative(this.rootPath, path).split('\\').join('/');
    return !relativePath.startsWith('../') && this.reportGlobs(relativePath);
  }

  private pathOf(uri: string): string {
    if (uri.startsWith('file:')) return fileURLToPath(uri);
    // Untitled and virtual documents are checked as if they lived at the workspace root.
    return join(this.rootPath ?? process.cwd(), 'untitled.md');
  }

  private createWorkspace(): ReportWorkspace {
    this.settingsProblems = [];
    const base = this.rootPath ?? process.cwd();
    const resolveSetting = (path: string) => (isAbsolute(path) ? path : join(base, path));
    const schemaExtensions: SchemaNode[] = [];
    // Paths in settings may come from the workspace's own settings: only honoured when it is trusted.
    if (this.trusted && this.settings.schema) {
      try {
        schemaExtensions.push(parseYaml(readFileSync(resolveSetting(this.settings.schema), 'utf8')) as SchemaNode);
      } catch (error) {
        this.settingsProblems.push(`incidentReport.schema: cannot read ${this.settings.schema}: ${(error as Error).message}`);
      }
    }
    return new ReportWorkspace({
      fileSystem: this.trusted ? nodeFileSystem : NO_FILES,
      baseDirectory: base,
      now: this.now,
      defaults: {
        rules: this.settings.rules,
        schemaExtensions,
        attackBundle: this.trusted && this.settings.attackBundle ? resolveSetting(this.settings.attackBundle) : undefined,
      },
    });
  }
}
