import type { Connection } from 'vscode-languageserver/node';
import { LazyHandlers } from './lazyHandlers';
import { REGISTER_PAGE_REQUEST, REGISTER_REQUEST, REGISTER_TRACE_REQUEST } from './protocol';
import type { RegisterIndex, RegisterIndexDependencies } from './register/registerIndex';
import type { ReportSession } from './reportSession';

/*
 * The Incident Register's index and request handlers, loaded by the view's first request: they bring the
 * register, the site's pages and the renderer (a third of the server's modules), which the first
 * diagnostics of a report never use. Until then the index does not exist, and what server.ts tells it
 * on file events is dropped: an index that has not started ignores it too (registerIndex.ts), and the
 * first request starts it, which reads every report from disk.
 */

/** The index's dependencies, but for the change notifier, which the register's handler module provides. */
export type LazyRegisterDependencies = Omit<RegisterIndexDependencies, 'onChange'>;

export class LazyRegister {
  private index: RegisterIndex | undefined;

  constructor(connection: Connection, dependencies: LazyRegisterDependencies, session: () => ReportSession) {
    // Request stand-ins only: the register's handlers are loaded by their first request, not after the first diagnostics.
    new LazyHandlers(
      connection,
      [REGISTER_REQUEST, REGISTER_PAGE_REQUEST, REGISTER_TRACE_REQUEST],
      async () => {
        const [handlers, { RegisterIndex }] = await Promise.all([import('./handlers/register.js'), import('./register/registerIndex.js')]);
        const index: RegisterIndex = new RegisterIndex({ ...dependencies, onChange: handlers.registerChangedNotifier(connection, () => index) });
        this.index = index;
        return [(lazy) => handlers.registerRegisterHandlers(lazy, index, session)];
      },
      [],
    );
  }

  /** Whether the view's first request has started indexing (hover's "also in" waits for it). */
  get isStarted(): boolean {
    return this.index?.isStarted ?? false;
  }

  /** Indicator key → the reports that mention it; undefined until the index has started. */
  indicatorReports(uri: string): ReturnType<RegisterIndex['indicatorReports']> | undefined {
    return this.index?.isStarted ? this.index.indicatorReports(uri) : undefined;
  }

  touch(uri: string): void {
    this.index?.touch(uri);
  }

  touchSoon(uri: string, delayMs: number): void {
    this.index?.touchSoon(uri, delayMs);
  }

  remove(uri: string): void {
    this.index?.remove(uri);
  }

  rescanAll(): void {
    this.index?.rescanAll();
  }

  noteActivity(): void {
    this.index?.noteActivity();
  }
}
