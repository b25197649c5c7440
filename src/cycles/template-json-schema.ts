import { TemplateSchema } from './template-schema.js';

/** The template file schema as a standalone JSON Schema document, for editors and other tools. */
export function templateJsonSchema(): string {
  const document = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Patchbay cycle template',
    description: 'A cycle ready to install: its settings, variables, steps with their mappings, and the edges between them.',
    ...JSON.parse(JSON.stringify(TemplateSchema)),
  };
  return JSON.stringify(document, null, 2);
}
