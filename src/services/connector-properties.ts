import type { SecretBox } from '../crypto/secret-box.js';
import { maskSecret } from '../crypto/tokens.js';
import { badRequest, notFound, PatchbayError } from '../errors.js';
import type { Db } from '../store/database.js';
import { deleteProperty, insertNewProperty, propertiesOf, propertyOf, updatePropertyValue } from '../store/installs.js';
import type { NewPropertyRow, PropertyRow } from '../store/schema.js';
import type { AccountConnectors } from './account-connectors.js';
import { sealContext } from './credentials.js';
import type { InstallCache } from './install-cache.js';
import { checkPropertyValue, type PropertyInput, propertyDefinition, propertyRows } from './property-rules.js';

/** Account connector properties: the account's values for the connector's account properties. */
export class ConnectorProperties {
  constructor(
    private readonly db: Db,
    private readonly installs: AccountConnectors,
    private readonly box: SecretBox,
    private readonly cache: InstallCache,
  ) {}

  async list(accountId: string, accountConnectorId: number) {
    await this.installs.row(accountId, accountConnectorId);
    return (await propertiesOf(this.db, accountConnectorId)).map((row) => this.view(accountId, row));
  }

  async get(accountId: string, accountConnectorId: number, id: number) {
    return this.view(accountId, await this.row(accountId, accountConnectorId, id));
  }

  async create(accountId: string, accountConnectorId: number, input: PropertyInput) {
    const connector = this.installs.connectorOf(await this.installs.row(accountId, accountConnectorId));
    const definition = propertyDefinition(await this.installs.scope(connector), input.Name);
    checkPropertyValue(definition, input.Value);
    const [row] = propertyRows([{ definition, value: input.Value }], accountConnectorId, (v) => this.box.seal(v, sealContext(accountId)));
    const inserted = await insertNewProperty(this.db, row as NewPropertyRow);
    if (inserted === undefined) throw new PatchbayError('PB_ERR_CONFLICT', `Property '${input.Name}' is already set; use PUT to change it`);
    this.cache.forget(accountConnectorId);
    return this.view(accountId, inserted);
  }

  async update(accountId: string, accountConnectorId: number, id: number, input: PropertyInput) {
    const existing = await this.row(accountId, accountConnectorId, id);
    if (input.Name !== existing.name) throw badRequest(`Name cannot be changed (property ${id} is '${existing.name}')`);
    const connector = this.installs.connectorOf(await this.installs.row(accountId, accountConnectorId));
    const definition = propertyDefinition(await this.installs.scope(connector), input.Name);
    checkPropertyValue(definition, input.Value);
    const value = definition.Sensitive ? this.box.seal(input.Value, sealContext(accountId)) : input.Value;
    await updatePropertyValue(this.db, id, value);
    this.cache.forget(accountConnectorId);
    return this.view(accountId, { ...existing, value });
  }

  async delete(accountId: string, accountConnectorId: number, id: number): Promise<void> {
    const existing = await this.row(accountId, accountConnectorId, id);
    const connector = this.installs.connectorOf(await this.installs.row(accountId, accountConnectorId));
    const definition = (await this.installs.scope(connector)).required.find((p) => p.Name === existing.name);
    if (definition !== undefined) {
      throw badRequest(`Property '${existing.name}' is required by ${connector.definition.Name}; change it with PUT instead`);
    }
    await deleteProperty(this.db, id);
    this.cache.forget(accountConnectorId);
  }

  /** A property as the API shows it: a sensitive value never in full, only masked like a credential's hint. */
  private view(accountId: string, row: PropertyRow) {
    return {
      Id: row.id,
      Name: row.name,
      Value: row.sensitive ? maskSecret(this.box.open(row.value, sealContext(accountId))) : row.value,
      AccountConnectorId: row.account_connector_id,
    };
  }

  private async row(accountId: string, accountConnectorId: number, id: number): Promise<PropertyRow> {
    await this.installs.row(accountId, accountConnectorId);
    const row = await propertyOf(this.db, accountConnectorId, id);
    if (row === undefined) throw notFound(`Property ${id} not found`);
    return row;
  }
}
