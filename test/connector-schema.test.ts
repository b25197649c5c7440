import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectorJsonSchema } from '../src/catalogue/json-schema.js';
import { packageRoot } from '../src/paths.js';

describe('connector schema file', () => {
  it('is the schema the loader validates with (regenerate with npm run schema)', () => {
    const committed = readFileSync(path.join(packageRoot, 'connectors', 'connector.schema.json'), 'utf8');
    expect(JSON.parse(committed)).toEqual(JSON.parse(connectorJsonSchema()));
  });
});
