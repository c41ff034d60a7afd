// Stands for `linkify-it` where markdown-it imports it, in the CLI and server bundles (scripts/bundle.mjs).
// markdown-it makes a LinkifyIt in every constructor, and linkify-it compiles its URL patterns there (2-3 ms
// of a cold start); the engine's parsers and the renderer never turn linkify on. This one makes the real
// instance when something first reads it, so a parser that never linkifies never compiles the patterns.
import LinkifyIt from 'linkify-it';

export default function LazyLinkifyIt(schemas, options) {
  let real;
  const instance = () => (real ??= new LinkifyIt(schemas, options));
  return new Proxy(
    {},
    {
      get(_target, key) {
        const value = instance()[key];
        return typeof value === 'function' ? value.bind(instance()) : value;
      },
      set(_target, key, value) {
        instance()[key] = value;
        return true;
      },
      has: (_target, key) => key in instance(),
    },
  );
}
