import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, found from this file whether it runs from `src/` or from `dist/src/`. */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Cannot find the Patchbay package root');
    dir = parent;
  }
  return dir;
}

export const packageRoot = findRoot();
export const builtInConnectorsDir = path.join(packageRoot, 'connectors');
export const builtInTemplatesDir = path.join(packageRoot, 'templates');
