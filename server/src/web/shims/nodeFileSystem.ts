/** server/src/node/nodeFileSystem.ts in the browser bundle: the workspace files the web client read. */
export { webFileSystem as nodeFileSystem } from '../webResources';
