import type { Register } from '../../engine/register';
import {
  registerWebviewPage,
  reportNames,
  reportPageName,
  WEBVIEW_SECTIONS,
  webviewSection,
  type TacticColumn,
  type WebviewSectionId,
} from '../../engine/site';
import type { RegisterPageParams, RegisterPageResult } from '../protocol';
import type { IndexFollower, RegisterIndex } from '../register/registerIndex';

interface DrawnSection {
  /** What the section was drawn from (compared by identity): the same inputs draw the same HTML. */
  inputs: readonly unknown[];
  version: string;
  html: string;
}

/**
 * Reports whose link targets one background step resolves: each hashes its path (SHA-256 in JavaScript, once
 * per path), ~50 ms for 2,000 reports on a loaded machine, too long to hold the server in one step.
 */
export const TARGETS_PER_STEP = 250;

/** What the page reads of the index (a stand-in in the unit tests). */
export type PageIndex = Pick<RegisterIndex, 'register' | 'isComplete' | 'pending'>;

/** Everything one drawing of the page (a request, or a step of the background preparation) works from. */
interface PageState {
  register: Register;
  uriOf: ReadonlyMap<string, string>;
  options: { tacticOrder: readonly TacticColumn[]; footer: string };
  inputs: Record<WebviewSectionId, readonly unknown[]>;
}

/**
 * The register's metrics page, drawn section by section into one cache (siteWebview.ts): after a change only
 * the sections whose inputs changed (the index keeps the register parts no changed report touched) are drawn
 * again. The cache is filled two ways: by the page request, which draws what is missing, and in the background
 * by the index (`step`, an IndexFollower: one section per slice once indexing is complete), so that the first
 * request of a session finds the sections drawn and the page's code compiled, and only puts the page together.
 */
export class RegisterPage implements IndexFollower {
  private readonly drawn = new Map<WebviewSectionId, DrawnSection>();
  private versions = 0;
  private draws = 0;
  /** The register last seen: a new one (built by a step when no request built it) is a step of its own. */
  private seen: Register | undefined;
  private names: { register: Register; names: ReturnType<typeof reportNames> } | undefined;
  /** The report links' targets of a register, resolved up to row `done` (all of them for a page). */
  private targets: { register: Register; targets: Record<string, string>; done: number } | undefined;

  constructor(
    private readonly index: PageIndex,
    private readonly tacticOrder: () => readonly TacticColumn[],
    private readonly tool: () => { name: string; version: string },
  ) {}

  /** Sections drawn since the server started, by the background preparation and by requests. */
  get steps(): number {
    return this.draws;
  }

  /**
   * One step of the background preparation: the register (when not yet built), or one section whose inputs
   * changed, or the targets of TARGETS_PER_STEP report links; false when the page is ready to be put together.
   */
  step(): boolean {
    const state = this.state();
    if (this.seen !== state.register) {
      this.seen = state.register;
      return true;
    }
    const id = WEBVIEW_SECTIONS.find((candidate) => this.stale(candidate, state));
    if (id) {
      this.draw(id, state);
      return true;
    }
    if (this.targets?.register !== state.register || this.targets.done < state.register.reports.length) {
      this.targetsOf(state, TARGETS_PER_STEP);
      return true;
    }
    return false;
  }

  /** The page request's answer: what the cache lacks is drawn now (the first page of a session while preparing). */
  page(params: RegisterPageParams): RegisterPageResult {
    const state = this.state();
    this.seen = state.register;
    let drawn = 0;
    const sections = WEBVIEW_SECTIONS.map((id) => {
      if (!this.stale(id, state)) return this.drawn.get(id)!;
      drawn++;
      return this.draw(id, state);
    });
    const targets = this.targetsOf(state);
    const known = params.known && typeof params.known === 'object' ? params.known : undefined;
    const html = known
      ? ''
      : registerWebviewPage(
          state.register,
          { ...state.options, nonce: params.nonce },
          Object.fromEntries(WEBVIEW_SECTIONS.map((id, i) => [id, sections[i].html])),
        );
    return {
      html,
      sections: sections.map((section, i) => ({
        id: WEBVIEW_SECTIONS[i],
        version: section.version,
        ...(known?.[WEBVIEW_SECTIONS[i]] === section.version ? {} : { html: section.html }),
      })),
      targets,
      drawn,
    };
  }

  private state(): PageState {
    const { register, uriOf, namesVersion } = this.index.register(this.tool());
    const progress = this.index.isComplete ? '' : `; indexing, ${this.index.pending} reports to go`;
    const options = {
      tacticOrder: this.tacticOrder(),
      footer: `increport ${this.tool().version}: ${register.totals.reports} reports in the workspace${progress}`,
    };
    const inputs: Record<WebviewSectionId, readonly unknown[]> = {
      summary: [register.totals.reports, register.totals.withErrors],
      metrics: [register.metrics],
      attack: [register.attack, namesVersion, register.reports.length, JSON.stringify(options.tacticOrder)],
      indicators: [register.indicators, namesVersion, register.reports.length],
      footer: [options.footer],
    };
    return { register, uriOf, options, inputs };
  }

  private stale(id: WebviewSectionId, { inputs }: PageState): boolean {
    const section = this.drawn.get(id);
    return !section || section.inputs.length !== inputs[id].length || section.inputs.some((input, i) => input !== inputs[id][i]);
  }

  private draw(id: WebviewSectionId, { register, options, inputs }: PageState): DrawnSection {
    if (this.names?.register !== register) this.names = { register, names: reportNames(register) };
    const html = webviewSection(id, { register, names: this.names.names, options });
    const previous = this.drawn.get(id);
    this.draws++;
    // The same HTML again (a change that left this section as it was) keeps its version: nothing to send.
    const section = { inputs: inputs[id], version: previous?.html === html ? previous.version : `${id}-${++this.versions}`, html };
    this.drawn.set(id, section);
    return section;
  }

  /** Report page name → URI, for the links the webview sends back; computed once per register, `limit` rows at a time. */
  private targetsOf({ register, uriOf }: PageState, limit = Infinity): Record<string, string> {
    if (this.targets?.register !== register) this.targets = { register, targets: {}, done: 0 };
    const { targets } = this.targets;
    const end = Math.min(register.reports.length, this.targets.done + limit);
    // In row order, a later report wins a page name, as in reportPageTargets (siteWebview.ts).
    for (let i = this.targets.done; i < end; i++) {
      const { path } = register.reports[i];
      const page = reportPageName(path);
      const uri = uriOf.get(path);
      if (uri) targets[page] = uri;
      else delete targets[page];
    }
    this.targets.done = end;
    return targets;
  }
}
