import { notFound, PatchbayError } from '../errors.js';
import type { ConnectorIcon } from './icon.js';
import type { ConnectorDefinition, MethodDefinition } from './schema.js';

/** A connector as the runtime uses it: the validated file plus look-up indexes. */
export interface Connector {
  readonly definition: ConnectorDefinition;
  readonly file: string;
  /** Methods by readable id and by lower-cased MethodUniqueIdentifier. */
  readonly methods: ReadonlyMap<string, MethodDefinition>;
  /** The SVG the file's Icon names; none when it names none. */
  readonly icon?: ConnectorIcon;
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

  /** The connector a caller names (id, name or slug); an unknown one is 404 wherever it is named. */
  named(key: string): Connector {
    const connector = this.find(key);
    if (connector === undefined) throw notFound(`Connector '${key}' not found`);
    return connector;
  }

  /**
   * The connector a stored record (an install, a credential) points at. A connector file removed while
   * such records remain is reported as a conflict, not a crash.
   */
  storedFor(connectorId: number | null, record: string): Connector {
    const connector = connectorId === null ? undefined : this.byId(connectorId);
    if (connector === undefined) throw new PatchbayError('PB_ERR_CONFLICT', `${record} belongs to no connector in the catalogue`);
    return connector;
  }
}

export function indexConnector(definition: ConnectorDefinition, file: string, icon?: ConnectorIcon): Connector {
  const methods = new Map<string, MethodDefinition>();
  for (const method of definition.Methods) {
    methods.set(method.Id, method);
    methods.set(method.MethodUniqueIdentifier.toLowerCase(), method);
  }
  return icon === undefined ? { definition, file, methods } : { definition, file, methods, icon };
}
