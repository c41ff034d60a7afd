import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { ConfigError, type ConfigFileSystem, type ResolvedConfig } from '../engine/config/configTypes';
import { loadNamedSchemaExtension } from '../engine/config/schemaExtension';
import { systemClock, type Clock } from '../engine/clock';
import type { AnalysedReport } from '../engine/analysedReport';
import { presetDateStyle, reportDateStyle } from '../engine/features/completionContext';
import type { FeatureContext } from '../engine/features/featureTypes';
import { sectionModel } from '../engine/features/sectionModel';
import type { SchemaNode } from '../engine/schema/reportSpec';
import type { Finding } from '../engine/types';
import { DEFAULT_ATTACK_VERSION } from '../engine/attack/versions';
import { renderText, reportTemplate } from '../engine/templates/skeleton';
import { templateStyleOf } from '../engine/templates/templateStyle';
import { ReportWorkspace } from '../engine/workspace';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { createNodeHost } from '../node/nodeHost';
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
  /** Present for reports: what editor features, the preview and the exports work on. */
  report?: AnalysedReport;
  /**
   * Set when the report model was let go to bound memory (KEPT_MODELS): the findings and version stay (what
   * "check on save" shows); the next request that needs the model checks the text again.
   */
  released?: boolean;
  /** The ATT&CK version the released model was checked against (its front matter may choose one). */
  releasedAttackVersion?: string;
}

/**
 * How many open documents keep their full report model between requests. Diagnostics need only the
 * findings; completion, hover and quick fixes are asked about the documents being worked on. Beyond this
 * number the least recently used models are released (a model is ~60 KB per 10 KB of report, and V8 sizes
 * its heap to a multiple of what is live): 200 open reports stay far under 150 MB (test/protocol/memory).
 */
export const KEPT_MODELS = 24;

/** A section model of one document version (featureContext), with the lines it covers. */
interface SectionContext {
  version: number;
  startLine: number;
  endLine: number;
  context: FeatureContext;
}

/** In an untrusted workspace nothing the workspace provides is read: no config files. */
const NO_FILES: ConfigFileSystem = { readFile: () => ({ missing: true }) };

/**
 * The server's state: settings, the shared ReportWorkspace (config + engines), and the last analysis of
 * each open document, so that diagnostics, completion, hover and code actions agree on one model.
 */
export class ReportSession {
  private workspace: ReportWorkspace;
  private readonly analyses = new Map<string, Analysis>();
  private readonly sectionContexts = new Map<string, SectionContext>();
  private reportGlobs: picomatch.Matcher;
  /** Problems with the settings themselves (unreadable schema path), for the client to show. */
  settingsProblems: string[] = [];
  /** How many times the engine has checked a text (tests: a changed report re-checks only itself). */
  checks = 0;

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
    this.sectionContexts.clear();
  }

  forget(uri: string): void {
    this.analyses.delete(uri);
    this.sectionContexts.delete(uri);
  }

  /**
   * The ATT&CK version a document is checked against (status bar): its analysis's, which follows its front
   * matter, else the configured one for its folder (repository configuration over the settings).
   */
  attackVersion(uri: string | undefined, analysis?: Analysis): string {
    if (analysis?.report) return analysis.report.catalog.version;
    if (analysis?.releasedAttackVersion) return analysis.releasedAttackVersion;
    try {
      const config = this.workspace.configFor(this.pathOf(uri ?? 'untitled:report.md'));
      return this.workspace.catalogFor(config).version;
    } catch {
      return this.settings.attackVersion; // an invalid configuration is reported on the document itself
    }
  }

  /**
   * The text of a new report for the folder of `uri` (the workspace root by default): the tactic rows of the
   * ATT&CK version in use there, and `attack: v18.1` front matter when that is a bundled version other than
   * the default, so the report stays valid wherever it is checked; written in the template style chosen
   * there (`templates.style`, else the templateStyle setting). Throws ConfigError.
   */
  newReport(uri = 'untitled:new-report.md'): string {
    const report = this.workspace.analyse(this.pathOf(uri), '# Incident Report: New\n');
    const { catalog, config } = report;
    const chosen = !config.attack.bundle && catalog.version !== DEFAULT_ATTACK_VERSION ? catalog.version : undefined;
    return renderText(reportTemplate(report.spec, catalog.tactics, { attackVersion: chosen, style: templateStyleOf(config) }));
  }

  /** The analysis of the document's current version, computed once per version (again if its model was released). */
  analyze(document: OpenDocument): Analysis {
    const cached = this.analyses.get(document.uri);
    if (cached && cached.version === document.version && !cached.released) {
      this.markUsed(document.uri, cached);
      return cached;
    }
    const analysis = this.computeAnalysis(document);
    this.markUsed(document.uri, analysis);
    this.releaseLeastUsed();
    return analysis;
  }

  /**
   * What completion and hover read at `line`, without waiting for or making a full analysis of a version
   * being typed: the analysis of the current version when there is one (diagnostics made it), else the
   * schema, catalog and configuration of the last analysis over a model of the section around `line`
   * (engine/features/sectionModel.ts), made once per version and section. A full analysis is made only
   * when there is no earlier one to borrow from (the first request, or a document that was not a report).
   */
  featureContext(document: OpenDocument, line: number): FeatureContext | undefined {
    const last = this.analyses.get(document.uri);
    if (!last?.report || last.version === document.version) return this.analyze(document).report;
    const kept = this.sectionContexts.get(document.uri);
    if (kept && kept.version === document.version && kept.startLine <= line && line < kept.endLine) return kept.context;
    const { spec, catalog, config } = last.report;
    const { model, startLine, endLine } = sectionModel(document.getText(), line, spec);
    presetDateStyle(model, reportDateStyle(last.report.model, spec));
    const context: FeatureContext = { model, spec, catalog, config, now: this.now() };
    this.sectionContexts.set(document.uri, { version: document.version, startLine, endLine, context });
    return context;
  }

  /** The analysis last computed, whatever its version (for "check on save" mode). */
  lastAnalysis(uri: string): Analysis | undefined {
    return this.analyses.get(uri);
  }

  /**
   * The configuration of a folder, for finding the workspace's reports as the CLI finds them; an invalid one
   * counts as no configuration here (it is reported on each report checked under it).
   */
  configForDirectory(directory: string): ResolvedConfig {
    try {
      return this.workspace.configs.forDirectory(directory);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return this.workspace.configs.withoutFiles();
    }
  }

  get root(): string | undefined {
    return this.rootPath;
  }

  /** The ATT&CK tactics in matrix order of the catalog configured at the workspace root (the register's heatmap). */
  tacticOrder(): { shortname: string; name: string }[] {
    try {
      const catalog = this.workspace.catalogFor(this.workspace.configFor(this.pathOf('untitled:register.md')));
      return catalog.tactics.map(({ shortname, name }) => ({ shortname, name }));
    } catch {
      return [];
    }
  }

  /** Moves the document to the most recently used end (a Map iterates in insertion order). */
  private markUsed(uri: string, analysis: Analysis): void {
    this.analyses.delete(uri);
    this.analyses.set(uri, analysis);
  }

  /** Keeps the findings but releases the models of all but the KEPT_MODELS most recently used documents. */
  private releaseLeastUsed(): void {
    let excess = this.analyses.size - KEPT_MODELS;
    for (const [uri, analysis] of this.analyses) {
      if (excess-- <= 0) break;
      if (!analysis.report) continue;
      this.analyses.set(uri, { ...analysis, report: undefined, released: true, releasedAttackVersion: analysis.report.catalog.version });
      this.sectionContexts.delete(uri);
    }
  }

  private computeAnalysis(document: OpenDocument): Analysis {
    const version = document.version;
    this.checks++;
    if (!this.settings.enable) return { version, isReport: false, findings: [] };
    const path = this.pathOf(document.uri);
    try {
      const report = this.workspace.analyse(path, document.getText());
      const isReport = report.isReport || this.matchesReportGlobs(path);
      if (!isReport) return { version, isReport, findings: [] };
      return { version, isReport, findings: report.findings, report };
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
    const host = createNodeHost({ fileSystem: this.trusted ? nodeFileSystem : NO_FILES, now: this.now });
    const schemaExtensions: SchemaNode[] = [];
    // Paths in settings may come from the workspace's own settings: only honoured when it is trusted.
    // The extension is read as `schema.extend` reads it (same host, same limits, same messages).
    if (this.trusted && this.settings.schema) {
      const loaded = loadNamedSchemaExtension(host, this.settings.schema, base);
      if ('schema' in loaded) schemaExtensions.push(loaded.schema);
      else this.settingsProblems.push(`incidentReport.schema: ${loaded.error}`);
    }
    return new ReportWorkspace({
      host,
      baseDirectory: base,
      defaults: {
        rules: this.settings.rules,
        schemaExtensions,
        attackBundle: this.trusted && this.settings.attackBundle ? host.paths.resolve(base, this.settings.attackBundle) : undefined,
        // A version is not a path into the workspace: honoured in Restricted Mode too.
        attackVersion: this.settings.attackVersion,
        // Nor is a template style: honoured in Restricted Mode too, where no .increport.yaml is read to win over it.
        templateStyle: this.settings.templateStyle,
      },
    });
  }
}
