/**
 * When the language server stops unexpectedly, whether to start it again: up to `maxRestarts` times within
 * any `windowMs`, then no more, with a message that says what happened and how to start it again. No VS
 * Code here (serverErrorHandler.ts adapts it), so it is tested as a plain class.
 */

/** The command that starts the server again (contributed in package.json as category + title). */
export const RESTART_COMMAND = 'incidentReport.restartServer';
export const RESTART_COMMAND_TITLE = 'Incident Report: Restart Language Server';
export const MAX_RESTARTS = 4;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;
/** Connection errors in a row (vscode-languageclient resets its count on each message that gets through) before giving up. */
export const MAX_CONNECTION_ERRORS = 3;

export interface RestartDecision {
  restart: boolean;
  /** For the output channel when restarting; for an error notification when not. */
  message: string;
}

export interface ErrorDecision {
  shutdown: boolean;
  /** With `shutdown`: start a new server in its place (the client library would not: it restarts only on a close). */
  restart?: boolean;
  message?: string;
}

export class RestartPolicy {
  /** When the server stopped, for the stops still inside the window. */
  private stops: number[] = [];

  constructor(
    private readonly maxRestarts = MAX_RESTARTS,
    private readonly windowMs = RESTART_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The server's connection closed without being asked to. */
  closed(): RestartDecision {
    const at = this.now();
    this.stops = this.stops.filter((time) => at - time < this.windowMs);
    this.stops.push(at);
    const minutes = Math.round(this.windowMs / 60_000);
    if (this.stops.length <= this.maxRestarts) {
      return {
        restart: true,
        message: `The Incident Report language server stopped unexpectedly; restarting it (${this.stops.length} of ${this.maxRestarts} restarts allowed within ${minutes} minutes).`,
      };
    }
    return {
      restart: false,
      message:
        `The Incident Report language server stopped unexpectedly ${this.stops.length} times within ${minutes} minutes, so it was not restarted: ` +
        `reports are not checked until it runs again. The "Incident Report Studio" output channel shows why it stopped. ` +
        `Run "${RESTART_COMMAND_TITLE}" from the Command Palette to start it again.`,
    };
  }

  /**
   * A read or write on the connection failed; `count` is how many writes in a row failed. Keep going for a
   * few, then give up on this connection. A read error has no count: it is what a killed server causes, and
   * the close that follows decides. Writes can fail several times before that close arrives (a killed
   * server on a busy machine, with messages queued), and a shut-down client never restarts by itself, so
   * giving up counts as a stop: a new server is started in its place while the stops allow it.
   */
  error(count: number | undefined): ErrorDecision {
    if (count === undefined || count <= MAX_CONNECTION_ERRORS) return { shutdown: false };
    const stop = this.closed();
    if (stop.restart) {
      return {
        shutdown: true,
        restart: true,
        message: `The connection to the Incident Report language server failed ${count} times in a row; starting a new server (${this.stops.length} of ${this.maxRestarts} restarts allowed within ${Math.round(this.windowMs / 60_000)} minutes).`,
      };
    }
    return { shutdown: true, restart: false, message: stop.message };
  }
}
