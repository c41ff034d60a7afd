import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MAX_RESTARTS, RESTART_COMMAND, RESTART_COMMAND_TITLE, RESTART_WINDOW_MS, RestartPolicy } from '../../../client/src/restartPolicy';
import { projectRoot } from '../../helpers';

const MINUTE = 60_000;
const GIVE_UP =
  'The Incident Report language server stopped unexpectedly 5 times within 3 minutes, so it was not restarted: ' +
  'reports are not checked until it runs again. The "Incident Report Studio" output channel shows why it stopped. ' +
  'Run "Incident Report: Restart Language Server" from the Command Palette to start it again.';

/** A policy on a clock the test moves. */
function policyAt(): { policy: RestartPolicy; at: (ms: number) => void } {
  let now = 1_000_000;
  return { policy: new RestartPolicy(MAX_RESTARTS, RESTART_WINDOW_MS, () => now), at: (ms) => (now = 1_000_000 + ms) };
}

test('restart policy: 4 restarts within 3 minutes, then none, with a message that says what happened and how to restart', () => {
  assert.equal(MAX_RESTARTS, 4);
  assert.equal(RESTART_WINDOW_MS, 3 * MINUTE);
  const { policy, at } = policyAt();
  const decisions = [0, 10_000, 20_000, 30_000, 40_000].map((ms) => (at(ms), policy.closed()));
  assert.deepEqual(
    decisions.slice(0, 4).map((decision) => decision.restart),
    [true, true, true, true],
  );
  assert.equal(decisions[0].message, 'The Incident Report language server stopped unexpectedly; restarting it (1 of 4 restarts allowed within 3 minutes).');
  assert.equal(decisions[3].message, 'The Incident Report language server stopped unexpectedly; restarting it (4 of 4 restarts allowed within 3 minutes).');
  assert.deepEqual(decisions[4], { restart: false, message: GIVE_UP });
});

test('restart policy: stops older than the window no longer count', () => {
  const { policy, at } = policyAt();
  for (const ms of [0, 1000, 2000, 3000]) {
    at(ms);
    assert.equal(policy.closed().restart, true);
  }
  // 3 minutes after the first stop it has left the window: 4 in the window again, so a restart.
  at(3 * MINUTE);
  assert.equal(policy.closed().restart, true);
  // Just under 3 minutes after the second: it still counts, 5 in the window.
  at(1000 + 3 * MINUTE - 1);
  assert.deepEqual(policy.closed(), { restart: false, message: GIVE_UP });
  // Crashes spread out (one every minute) restart for ever: never more than 3 in any 3 minutes.
  const spread = policyAt();
  for (let minute = 0; minute < 30; minute++) {
    spread.at(minute * MINUTE);
    assert.equal(spread.policy.closed().restart, true, `minute ${minute}`);
  }
});

test('restart policy: write errors continue up to 3 in a row, then the connection is given up and a new server started, as a stop; read errors (no count) leave it to the close', () => {
  const { policy, at } = policyAt();
  assert.deepEqual(
    [1, 2, 3, undefined].map((count) => policy.error(count)),
    [{ shutdown: false }, { shutdown: false }, { shutdown: false }, { shutdown: false }],
  );
  assert.deepEqual(policy.error(4), {
    shutdown: true,
    restart: true,
    message: 'The connection to the Incident Report language server failed 4 times in a row; starting a new server (1 of 4 restarts allowed within 3 minutes).',
  });
  // Giving up counts as a stop: with the closes that follow, the fifth within the window is not restarted.
  for (let stop = 2; stop <= MAX_RESTARTS; stop++) {
    at(stop * 1000);
    assert.equal(policy.closed().restart, true);
  }
  at(10_000);
  const last = policy.error(4);
  assert.equal(last.shutdown, true);
  assert.equal(last.restart, false);
  assert.match(last.message ?? '', /stopped unexpectedly 5 times within 3 minutes, so it was not restarted: .*Run "Incident Report: Restart Language Server"/);
});

test('restart policy: the command the messages name is contributed under that title and activates the extension', () => {
  const manifest = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as {
    activationEvents: string[];
    contributes: { commands: { command: string; title: string; category: string }[] };
  };
  const command = manifest.contributes.commands.find((entry) => entry.command === RESTART_COMMAND);
  assert.ok(command, RESTART_COMMAND);
  assert.equal(`${command.category}: ${command.title}`, RESTART_COMMAND_TITLE);
  assert.ok(manifest.activationEvents.includes(`onCommand:${RESTART_COMMAND}`));
  assert.match(readFileSync(join(projectRoot(), 'README.md'), 'utf8'), new RegExp(`\\*\\*${RESTART_COMMAND_TITLE}\\*\\*`));
});
