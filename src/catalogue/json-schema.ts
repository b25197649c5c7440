import { ConnectorSchema } from './schema.js';

/** The connector file schema as a standalone JSON Schema document, for editors and other tools. */
export function connectorJsonSchema(): string {
  const document = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Patchbay connector',
    description: 'One third-party API: how to authenticate against it and which methods it has.',
    ...JSON.parse(JSON.stringify(ConnectorSchema)),
  };
  return JSON.stringify(document, null, 2);
}
