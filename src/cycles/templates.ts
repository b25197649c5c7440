import { notFound } from '../errors.js';
import type { TemplateFile } from './template-schema.js';

/** A template as the runtime uses it: the checked file and where it came from. */
export interface LoadedTemplate {
  readonly definition: TemplateFile;
  readonly file: string;
}

/** The loaded cycle templates. Built once at start-up, after the connector catalogue they refer to; read-only afterwards. */
export class Templates {
  readonly all: readonly LoadedTemplate[];
  private readonly byKey = new Map<string, LoadedTemplate>();

  constructor(templates: LoadedTemplate[]) {
    this.all = [...templates].sort((a, b) => a.definition.Name.localeCompare(b.definition.Name));
    for (const template of this.all) {
      this.byKey.set(template.definition.Id.toLowerCase(), template);
      this.byKey.set(template.definition.Slug, template);
    }
  }

  /** By Id (any case) or Slug. */
  find(key: string): LoadedTemplate | undefined {
    return this.byKey.get(key.toLowerCase());
  }

  /** The template a caller names; an unknown one is 404. */
  named(key: string): LoadedTemplate {
    const template = this.find(key);
    if (template === undefined) throw notFound(`Template '${key}' not found`);
    return template;
  }
}
