/**
 * The `process` global in the browser bundle (esbuild `inject`): what the server and its libraries ask of it
 * (an empty environment, no arguments, a root working directory, no event handlers).
 */
const noop = () => undefined;
export const process = {
  env: {} as Record<string, string | undefined>,
  argv: [] as string[],
  platform: 'linux',
  cwd: () => '/',
  on: noop,
  once: noop,
  emit: noop,
  exit: noop,
};
