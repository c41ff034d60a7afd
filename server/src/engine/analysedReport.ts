import type { AttackCatalog } from './attack/catalog';
import type { ResolvedConfig } from './config/configTypes';
import type { ReportModel } from './model/modelTypes';
import type { ReportSpec } from './schema/reportSpec';
import type { Finding } from './types';

/**
 * One report as the workspace analysed it (ReportWorkspace.analyse): its text, located model and findings,
 * and the schema, catalog, clock and configuration they were checked with. The language server, the CLI,
 * the preview and the exports all take this one shape; editor features take the narrower FeatureContext
 * (features/featureTypes.ts), a Pick of it.
 */
export interface AnalysedReport {
  /** The report's path on the host (for standard input, the path it is checked as). */
  path: string;
  /** The text checked. */
  text: string;
  model: ReportModel;
  findings: Finding[];
  spec: ReportSpec;
  catalog: AttackCatalog;
  /** The clock's reading when the report was analysed ("today's date" completion, the preview's footer). */
  now: Date;
  /** The configuration found for the path, over the editor's defaults: rules, schema extensions, ATT&CK bundle. */
  config: ResolvedConfig;
  /** Whether the text looks like an incident report by the configured schema. */
  isReport: boolean;
}
