import type { Connection } from 'vscode-languageserver/node';

/*
 * The first diagnostics need the engine's checks only; completion, hover, quick fixes, the preview's
 * renderer and the exports are loaded after them. Their handlers are registered as stand-ins that load
 * the real ones on first use (a request that comes first waits for the load, never fails), and
 * `loadSoon()` loads them in the background once the first diagnostics are out.
 */

/** What a handler module registers: on a connection, as `registerFeatureHandlers(connection, …)` does. */
export type Registration = (connection: Connection) => void;

type Handler = (...args: unknown[]) => unknown;

/** The handler methods stood in for; `onRequest` ones are named by their request method. */
export const STAND_IN_METHODS = ['onCompletion', 'onHover', 'onCodeAction', 'onDocumentSymbol', 'onFoldingRanges', 'onDocumentLinks'] as const;
type StandInMethod = (typeof STAND_IN_METHODS)[number];

export class LazyHandlers {
  private handlers: Map<string, Handler> | undefined;
  private loading: Promise<Map<string, Handler>> | undefined;

  constructor(
    private readonly connection: Connection,
    /** Request methods (custom `onRequest` ones) to stand in for. */
    private readonly requestMethods: readonly string[],
    /** Imports the handler modules and returns what registers them. */
    private readonly load: () => Promise<readonly Registration[]>,
    /** The handler methods stood in for (lazyRegister.ts stands in for request methods only). */
    private readonly standInMethods: readonly StandInMethod[] = STAND_IN_METHODS,
  ) {
    for (const name of standInMethods) {
      const on = connection[name] as unknown as (handler: Handler) => void;
      on.call(connection, (...args: unknown[]) => this.call(name, args));
    }
    for (const method of requestMethods) connection.onRequest(method, (...args: unknown[]) => this.call(`request:${method}`, args));
  }

  /** Loads the real handlers after the current work (the first diagnostics), so that the first request does not wait. */
  loadSoon(): void {
    // setTimeout, not setImmediate: the web build runs this in a browser worker, which has no setImmediate.
    if (!this.loading) setTimeout(() => void this.loaded(), 0);
  }

  private async call(key: string, args: unknown[]): Promise<unknown> {
    const handler = (this.handlers ?? (await this.loaded())).get(key);
    if (!handler) throw new Error(`no handler registered for ${key}`);
    return handler(...args);
  }

  private loaded(): Promise<Map<string, Handler>> {
    this.loading ??= this.load().then((registrations) => {
      const handlers = new Map<string, Handler>();
      const recorder = this.recorder(handlers);
      for (const register of registrations) register(recorder);
      this.handlers = handlers;
      return handlers;
    });
    return this.loading;
  }

  /**
   * The connection as the handler modules see it: registrations are kept to be called through the
   * stand-ins; one without a stand-in (a handler added later) goes to the connection as it is.
   * Everything else (consoles, notifications) is the connection's own.
   */
  private recorder(handlers: Map<string, Handler>): Connection {
    const connection = this.connection;
    const standIns = new Set<string>(this.standInMethods);
    const requests = new Set(this.requestMethods);
    return new Proxy(connection, {
      get(target, property, receiver) {
        if (property === 'onRequest') {
          return (method: unknown, handler: Handler) => {
            if (typeof method === 'string' && requests.has(method)) handlers.set(`request:${method}`, handler);
            else return (connection.onRequest as (m: unknown, h: Handler) => unknown)(method, handler);
          };
        }
        if (typeof property === 'string' && standIns.has(property)) return (handler: Handler) => void handlers.set(property, handler);
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? (value as Handler).bind(target) : value;
      },
    });
  }
}
