import { commands, window } from 'vscode';
import type { ErrorHandler } from 'vscode-languageclient/node';
import type { CloseAction as CloseActions, ErrorAction as ErrorActions } from 'vscode-languageclient/node';
import { RESTART_COMMAND, type RestartPolicy } from './restartPolicy';

/** The client library's enums, from its lazily loaded bundle (importing them here would bundle the library into the extension). */
export interface ClientEnums {
  CloseAction: typeof CloseActions;
  ErrorAction: typeof ErrorActions;
}

const RESTART = 'Restart Language Server';
const SHOW_OUTPUT = 'Show Output';

/** The language client's ErrorHandler over a RestartPolicy: the policy decides, this says it in VS Code. */
export function serverErrorHandler(policy: RestartPolicy, { CloseAction, ErrorAction }: ClientEnums, showOutput: () => void): ErrorHandler {
  const notify = (message: string) =>
    void window.showErrorMessage(message, RESTART, SHOW_OUTPUT).then((choice) => {
      if (choice === RESTART) void commands.executeCommand(RESTART_COMMAND);
      else if (choice === SHOW_OUTPUT) showOutput();
    });
  return {
    error(_error, _message, count) {
      const decision = policy.error(count);
      if (!decision.shutdown) return { action: ErrorAction.Continue };
      // The client library does not restart a client it shut down: a new one is started once this one has stopped.
      if (decision.restart) setTimeout(() => void commands.executeCommand(RESTART_COMMAND), 0);
      else if (decision.message) notify(decision.message);
      return { action: ErrorAction.Shutdown, message: decision.message, handled: true };
    },
    closed() {
      const decision = policy.closed();
      if (decision.restart) return { action: CloseAction.Restart, message: decision.message, handled: true };
      notify(decision.message);
      return { action: CloseAction.DoNotRestart, message: decision.message, handled: true };
    },
  };
}
