import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { projectRoot } from '../../helpers';

/*
 * The engine does no I/O and runs on no particular platform: whatever it needs from outside comes through
 * EngineHost (server/src/engine/host.ts), which server/src/node/nodeHost.ts implements for Node. This test
 * keeps it so: no engine module imports Node's modules, the editor's, or the language server's, and none
 * uses Node's globals. Parsed with the TypeScript compiler, so strings, comments and regular expressions
 * that mention these names do not count.
 */

const ENGINE = join(projectRoot(), 'server', 'src', 'engine');

const FORBIDDEN_MODULES = [
  /^node:/,
  /^(fs|path|crypto|os|child_process|url|util|stream|worker_threads|http|https|net)(\/|$)/,
  /^vscode$/,
  /^vscode-languageserver/,
  /^vscode-jsonrpc/,
];
const FORBIDDEN_GLOBALS = new Set(['process', '__dirname', '__filename', 'require', 'module', 'Buffer', 'NodeJS']);

function engineFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return engineFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every forbidden import or global in `text`, as `file:line: what`. */
export function ioViolations(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const problems: string[] = [];
  const report = (node: ts.Node, what: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    problems.push(`${file}:${line + 1}: ${what}`);
  };
  const checkSpecifier = (node: ts.Node, specifier: ts.Expression | undefined) => {
    if (specifier && ts.isStringLiteralLike(specifier) && FORBIDDEN_MODULES.some((pattern) => pattern.test(specifier.text))) {
      report(node, `imports '${specifier.text}'`);
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) checkSpecifier(node, node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) checkSpecifier(node, node.moduleReference.expression);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) checkSpecifier(node, node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) checkSpecifier(node, node.argument.literal as ts.Expression);
    else if (ts.isIdentifier(node) && FORBIDDEN_GLOBALS.has(node.text)) {
      const parent = node.parent;
      // `x.process`, `{ process: … }`, `process()` as a method name: a name, not the global.
      const isName = (parent as { name?: ts.Node }).name === node && !ts.isShorthandPropertyAssignment(parent);
      const isQualifiedRight = ts.isQualifiedName(parent) && parent.right === node;
      if (!isName && !isQualifiedRight) report(node, `uses the Node global '${node.text}'`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

test('nothing under server/src/engine imports Node, the editor or the language server, or uses Node globals', () => {
  const files = engineFiles(ENGINE);
  assert.ok(files.length > 50, `expected the engine's modules under ${ENGINE}`);
  const problems = files.flatMap((file) => ioViolations(relative(projectRoot(), file).split('\\').join('/'), readFileSync(file, 'utf8')));
  assert.deepEqual(problems, [], `The engine must reach the outside only through EngineHost (server/src/engine/host.ts):\n${problems.join('\n')}`);
});

test('the boundary check sees imports and globals, but not strings, comments or property names', () => {
  const text = [
    "import { readFileSync } from 'node:fs';",
    "import * as path from 'path';",
    "export { x } from 'vscode-languageserver/node';",
    "import type { Connection } from 'vscode-languageserver';",
    'const home = process.env.HOME;',
    'const here = __dirname;',
    "const crypto = require('crypto');",
    "const bytes = Buffer.from('x');",
    'const fine = { process: 1, require: 2 }.process + "process.env" + /require\\(/.source; // process.exit()',
    "const alsoFine = import('./local');",
  ].join('\n');
  assert.deepEqual(ioViolations('x.ts', text), [
    "x.ts:1: imports 'node:fs'",
    "x.ts:2: imports 'path'",
    "x.ts:3: imports 'vscode-languageserver/node'",
    "x.ts:4: imports 'vscode-languageserver'",
    "x.ts:5: uses the Node global 'process'",
    "x.ts:6: uses the Node global '__dirname'",
    "x.ts:7: uses the Node global 'require'",
    "x.ts:8: uses the Node global 'Buffer'",
  ]);
});
