import type { ConnectorDefinition, MethodDefinition } from './schema.js';

/** A connector as the runtime uses it: the validated file plus look-up indexes. */
export interface Connector {
  readonly definition: ConnectorDefinition;
  readonly file: string;
  /** Methods by readable id and by lower-cased MethodUniqueIdentifier. */
  readonly methods: ReadonlyMap<string, MethodDefinition>;
}

/** The loaded connector catalogue. Built once at start-up; read-only afterwards. */
export class Catalogue {
  private readonly byKey = new Map<string, Connector>();
  readonly all: readonly Connector[];

  constructor(connectors: Connector[]) {
    this.all = [...connectors].sort((a, b) => a.definition.Id - b.definition.Id);
    for (const connector of this.all) {
      this.byKey.set(String(connector.definition.Id), connector);
      this.byKey.set(connector.definition.Name.toLowerCase(), connector);
      this.byKey.set(connector.definition.Slug, connector);
    }
  }

  /** By numeric id, name (any case) or slug. */
  find(key: string): Connector | undefined {
    return this.byKey.get(key.toLowerCase());
  }

  byId(id: number): Connector | undefined {
    return this.byKey.get(String(id));
  }

  /** The header and query parameter names the connectors send API keys under: as secret in a log as the common names. */
  credentialParameterNames(): string[] {
    return [...new Set(this.all.flatMap(({ definition: { Auth } }) => (Auth.Type === 'ApiKey' ? [Auth.Name] : [])))];
  }
}

export function indexConnector(definition: ConnectorDefinition, file: string): Connector {
  const methods = new Map<string, MethodDefinition>();
  for (const method of definition.Methods) {
    methods.set(method.Id, method);
    methods.set(method.MethodUniqueIdentifier.toLowerCase(), method);
  }
  return { definition, file, methods };
}
