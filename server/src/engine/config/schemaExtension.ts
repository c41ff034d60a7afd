import type { EngineHost } from '../host';
import type { SchemaNode } from '../schema/reportSpec';
import { parseYamlData } from '../text/yamlData';
import { describeUnreadable, type ConfigFileSystem } from './configTypes';

/**
 * Loads the schema extension a setting names: `schema.extend` in `.increport.yaml` (relative to its folder)
 * and the editor's `incidentReport.schema` (relative to the workspace) both come here, so both read it the
 * same way (through the host, kind 'schema-extension': bounded, regular files only; YAML aliases limited)
 * and describe the same problem in the same words, without quoting the file.
 */
export function loadNamedSchemaExtension(
  host: Pick<EngineHost, 'readFile' | 'paths'>,
  entry: string,
  baseDirectory: string,
): { schema: SchemaNode } | { error: string } {
  const { isAbsolute, resolve } = host.paths;
  const path = isAbsolute(entry) ? entry : resolve(baseDirectory, entry);
  const loaded = loadSchemaExtension(host, path);
  if ('schema' in loaded) return loaded;
  const problem = loaded.missing ? `not found (looked for ${path})` : `cannot be read: ${loaded.error}`;
  return { error: `Schema extension '${entry}' ${problem}` };
}

/**
 * Reads and parses one schema extension (YAML or JSON), for `schema.extend` in `.increport.yaml` and for
 * the editor's `incidentReport.schema` setting alike. The file named may be anything, including a file of
 * secrets, so an error says what kind of problem is where, and never quotes the file.
 */
function loadSchemaExtension(fileSystem: ConfigFileSystem, path: string): { schema: SchemaNode } | { error: string; missing?: true } {
  const read = fileSystem.readFile(path, 'schema-extension');
  if ('missing' in read) return { error: describeUnreadable(read), missing: true };
  if ('error' in read) return { error: describeUnreadable(read) };
  const parsed = parseYamlData(read.text);
  if ('problem' in parsed) {
    const { message, line, column } = parsed.problem;
    return { error: `invalid YAML at line ${line}, column ${column}: ${message.charAt(0).toLowerCase()}${message.slice(1)}` };
  }
  const data = parsed.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return {
      error: `it is not a JSON Schema object (it is ${data === null || data === undefined ? 'empty' : Array.isArray(data) ? 'a list' : `a ${typeof data}`})`,
    };
  }
  return { schema: data as SchemaNode };
}
