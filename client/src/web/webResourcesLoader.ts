import { Uri, workspace } from 'vscode';
import type { WebResourceData } from '../../../server/src/web/webResources';

/** The bundled resources, read from the extension with vscode.workspace.fs (no file system in the browser). */
export async function loadExtensionResources(root: Uri): Promise<WebResourceData> {
  const json = async <T>(...segments: string[]): Promise<T> =>
    JSON.parse(new TextDecoder().decode(await workspace.fs.readFile(Uri.joinPath(root, ...segments)))) as T;
  const catalog = (version: string) => json<WebResourceData['catalogs']['19.2']>('server', 'data', 'attack', `enterprise-attack-${version}.catalog.json`);
  const [reportSchema, configSchema, latest, previous] = await Promise.all([
    json<WebResourceData['reportSchema']>('schemas', 'incident-report.schema.json'),
    json<object>('schemas', 'increport-config.schema.json'),
    catalog('19.2'),
    catalog('18.1'),
  ]);
  return { extensionRoot: root.path, reportSchema, configSchema, catalogs: { '19.2': latest, '18.1': previous } };
}
