import type { Catalogue, Connector } from '../catalogue/catalogue.js';
import type { PropertyDefinition } from '../catalogue/schema.js';
import type { Clock } from '../clock.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { maskSecret } from '../crypto/tokens.js';
import { badRequest } from '../errors.js';
import type { Db } from '../store/database.js';
import { saveSetup, setupOf } from '../store/setups.js';
import type { InstallCache } from './install-cache.js';
import { checkPropertyValue, isRequired } from './property-rules.js';

export interface SetupInput {
  Name: string;
  /** A blank or null value clears it: accounts are then asked for it at install. */
  Value: string | null;
}

/** Where the partner must register Patchbay with an OAuth provider. */
export const callbackUrl = (publicUrl: string) => `${publicUrl}/connector/callback`;

const sealContext = (connectorId: number) => `partner:connector:${connectorId}`;

/**
 * Connector setup: the partner's values for a connector's partner properties (Client ID, Client Secret,
 * Authorise URL...). Sensitive values are sealed. A value left blank is asked of each account at install.
 */
export class ConnectorSetups {
  constructor(
    private readonly db: Db,
    private readonly catalogue: Catalogue,
    private readonly box: SecretBox,
    private readonly cache: InstallCache,
    private readonly publicUrl: string,
    private readonly clock: Clock,
  ) {}

  /** The partner's values for one connector, sensitive ones opened; `saved` is false until a first PUT. */
  async values(connectorId: number): Promise<{ values: Map<string, string>; saved: boolean; updatedAt: string | null }> {
    const row = await setupOf(this.db, connectorId);
    if (row === undefined) return { values: new Map(), saved: false, updatedAt: null };
    const plain = JSON.parse(row.plain_values) as Record<string, string>;
    const sealed = row.sealed_values
      ? (JSON.parse(this.box.open(row.sealed_values, sealContext(connectorId))) as Record<string, string>)
      : {};
    return { values: new Map(Object.entries({ ...plain, ...sealed })), saved: true, updatedAt: row.updated_at };
  }

  /** An install's values: the connector's defaults, then the partner's setup, then each layer in turn (a credential's, the install's own). */
  async installValues(connector: Connector, layers: Iterable<[string, string]>[]): Promise<Map<string, string>> {
    const values = new Map<string, string>();
    for (const property of [...(connector.definition.PartnerProperties ?? []), ...(connector.definition.AccountProperties ?? [])]) {
      if (property.Default !== undefined) values.set(property.Name, property.Default);
    }
    for (const [name, value] of (await this.values(connector.definition.Id)).values) values.set(name, value);
    for (const layer of layers) for (const [name, value] of layer) values.set(name, value);
    return values;
  }

  /** Partner properties each account must supply at install: required, without a default, and blank at setup. */
  async askedAtInstall(connector: Connector): Promise<PropertyDefinition[]> {
    const { values } = await this.values(connector.definition.Id);
    return (connector.definition.PartnerProperties ?? []).filter((p) => isRequired(p) && !values.has(p.Name));
  }

  async view(connectorKey: string) {
    const connector = this.catalogue.named(connectorKey);
    const { values, saved, updatedAt } = await this.values(connector.definition.Id);
    const properties = connector.definition.PartnerProperties ?? [];
    const asked = properties.filter((p) => isRequired(p) && !values.has(p.Name));
    const isOAuthCode = connector.definition.Auth.Type === 'OAuth2' && connector.definition.Auth.Flow === 'AuthorisationCode';
    return {
      ConnectorId: connector.definition.Id,
      ConnectorName: connector.definition.Name,
      // Until the partner saves once, every required value without a default is missing.
      SetupRequired: !saved && asked.length > 0,
      CallbackUrl: isOAuthCode ? callbackUrl(this.publicUrl) : null,
      AskedAtInstall: asked.map((p) => p.Name),
      UpdatedDate: updatedAt,
      Properties: properties.map((p) => {
        const value = values.get(p.Name);
        return {
          Name: p.Name,
          DisplayName: p.DisplayName,
          Description: p.Description ?? null,
          IsSensitive: p.Sensitive === true,
          IsOptional: p.Optional === true,
          Default: p.Default ?? null,
          Choices: p.Choices ?? null,
          IsSet: value !== undefined,
          // A sensitive value is never shown, only that it is set.
          Value: value === undefined ? null : p.Sensitive ? maskSecret(value) : value,
        };
      }),
    };
  }

  /** Sets the named values and keeps the others (so a form can save without re-sending a secret). */
  async update(connectorKey: string, inputs: SetupInput[]) {
    const connector = this.catalogue.named(connectorKey);
    const id = connector.definition.Id;
    const definitions = connector.definition.PartnerProperties ?? [];
    const { values } = await this.values(id);
    const seen = new Set<string>();
    for (const input of inputs) {
      const definition = definitions.find((p) => p.Name === input.Name);
      if (definition === undefined) {
        const names = definitions.map((p) => p.Name);
        throw badRequest(
          `'${input.Name}' is not a partner property of ${connector.definition.Name}` +
            (names.length > 0 ? ` (expected one of: ${names.join(', ')})` : ' (it has none)'),
        );
      }
      if (seen.has(input.Name)) throw badRequest(`Property '${input.Name}' is given twice`);
      seen.add(input.Name);
      if (input.Value === null || input.Value.trim() === '') {
        values.delete(input.Name);
        continue;
      }
      checkPropertyValue(definition, input.Value);
      values.set(input.Name, input.Value);
    }
    const plain: Record<string, string> = {};
    const secret: Record<string, string> = {};
    for (const [name, value] of values) {
      const sensitive = definitions.find((p) => p.Name === name)?.Sensitive === true;
      (sensitive ? secret : plain)[name] = value;
    }
    await saveSetup(this.db, {
      connector_id: id,
      plain_values: JSON.stringify(plain),
      sealed_values: Object.keys(secret).length > 0 ? this.box.seal(JSON.stringify(secret), sealContext(id)) : null,
      updated_at: this.clock.nowIso(),
    });
    this.cache.forgetConnector(id);
    return this.view(connectorKey);
  }
}
