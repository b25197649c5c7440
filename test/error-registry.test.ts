import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/errors.js';
import { packageRoot } from '../src/paths.js';

describe('error registry', () => {
  it('is documented in the README with the same codes, statuses and meanings', () => {
    const readme = readFileSync(path.join(packageRoot, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| `(PB_ERR_[A-Z_]+)` \| (\d{3}) \| (.+) \|$/gm)].map((m) => [m[1], Number(m[2]), m[3]]);
    const registry = Object.entries(ERROR_CODES).map(([code, entry]) => [code, entry.status, entry.meaning]);
    expect(rows).toEqual(registry);
  });
});
