import type { Connector } from '../catalogue/catalogue.js';
import {
  type CustomCategory,
  customisableCategory,
  customMethods,
  type ObjectField,
  objectFields,
  objectNames,
} from '../catalogue/custom-methods.js';
import type { Clock } from '../clock.js';
import { badRequest, notFound, PatchbayError } from '../errors.js';
import type { MethodRunner } from '../runner/method-runner.js';
import type { ResolvedInstall } from '../runtime/resolved-install.js';
import type { Db } from '../store/database.js';
import {
  customCategoriesOf,
  customCategoryOf,
  deleteCustomCategory,
  insertCustomCategory,
  updateCustomCategory,
} from '../store/installs.js';
import type { CustomCategoryRow } from '../store/schema.js';
import type { AccountConnectors } from './account-connectors.js';
import type { InstallCache } from './install-cache.js';

export const toCustomCategory = (row: CustomCategoryRow): CustomCategory => ({
  id: row.id,
  categoryId: row.category_id,
  objectName: row.object_name,
  fields: JSON.parse(row.fields) as ObjectField[],
});

/**
 * Custom object categories: a customisable category (Caspio's Tables) copied for one object (a table)
 * of one install. Its methods are bound to the object and check Fields against the object's fields.
 */
export class CustomCategories {
  constructor(
    private readonly db: Db,
    private readonly installs: AccountConnectors,
    private readonly runner: MethodRunner,
    private readonly cache: InstallCache,
    private readonly clock: Clock,
  ) {}

  /** The connector's categories, which can be copied, and the copies already made. */
  async categories(accountId: string, installId: number) {
    const install = await this.installs.resolve(accountId, installId);
    const made = await this.rows(installId);
    const { Categories, Methods } = install.connector.definition;
    return Categories.map((category) => ({
      Id: category.Id,
      Name: category.Name,
      Description: category.Description ?? null,
      IsCustomisable: category.Customisable !== undefined,
      Methods: Methods.filter((m) => m.Category === category.Id).map((m) => ({
        Id: m.Id,
        MethodUniqueIdentifier: m.MethodUniqueIdentifier,
        Name: m.Name,
      })),
      CustomCategories: made.filter((row) => row.category_id === category.Id).map((row) => this.view(install.connector, row)),
    }));
  }

  /** The objects a category can be copied for, from the connector's lookup method. */
  async objects(accountId: string, installId: number, categoryId: string): Promise<{ Name: string }[]> {
    const install = await this.installs.resolve(accountId, installId);
    const category = this.customisable(install.connector, categoryId);
    const result = await this.runner.run(install, category.Customisable.LookupMethod, { AllPages: true });
    return objectNames(category.Customisable, asList(result.data)).map((Name) => ({ Name }));
  }

  async create(accountId: string, installId: number, categoryId: string, objectName: string) {
    const install = await this.installs.resolve(accountId, installId);
    const category = this.customisable(install.connector, categoryId);
    const names = (await this.objects(accountId, installId, categoryId)).map((o) => o.Name);
    if (!names.includes(objectName)) {
      throw badRequest(`There is no object '${objectName}' to copy ${category.Name} for (objects: ${names.join(', ') || 'none'})`);
    }
    const fields = await this.fields(install, categoryId, objectName);
    const now = this.clock.nowIso();
    const row = await insertCustomCategory(this.db, {
      account_connector_id: installId,
      category_id: categoryId,
      object_name: objectName,
      fields: JSON.stringify(fields),
      fields_refreshed_at: now,
      created_at: now,
    });
    if (row === undefined) throw new PatchbayError('PB_ERR_CONFLICT', `${category.Name} is already copied for '${objectName}'`);
    this.cache.forget(installId);
    return this.view(install.connector, row);
  }

  /** The install's custom category for the object, made when there is none yet (a template's step needs it). */
  async ensure(accountId: string, installId: number, categoryId: string, objectName: string): Promise<number> {
    const existing = async () => (await this.rows(installId)).find((r) => r.category_id === categoryId && r.object_name === objectName);
    const found = await existing();
    if (found !== undefined) return found.id;
    try {
      return (await this.create(accountId, installId, categoryId, objectName)).Id;
    } catch (error) {
      // Made meanwhile by another request: that one is as good.
      const made = error instanceof PatchbayError && error.code === 'PB_ERR_CONFLICT' ? await existing() : undefined;
      if (made === undefined) throw error;
      return made.id;
    }
  }

  async get(accountId: string, installId: number, categoryId: string, id: number) {
    const install = await this.installs.resolve(accountId, installId);
    return this.view(install.connector, await this.row(installId, categoryId, id));
  }

  /** Reads the object's fields again (after the table changed at the provider). */
  async refresh(accountId: string, installId: number, categoryId: string, id: number) {
    const install = await this.installs.resolve(accountId, installId);
    const row = await this.row(installId, categoryId, id);
    const fields = await this.fields(install, categoryId, row.object_name);
    const changes = { fields: JSON.stringify(fields), fields_refreshed_at: this.clock.nowIso() };
    await updateCustomCategory(this.db, id, changes);
    this.cache.forget(installId);
    return this.view(install.connector, { ...row, ...changes });
  }

  async delete(accountId: string, installId: number, categoryId: string, id: number): Promise<void> {
    await this.installs.resolve(accountId, installId);
    await this.row(installId, categoryId, id);
    await deleteCustomCategory(this.db, id);
    this.cache.forget(installId);
  }

  private async fields(install: ResolvedInstall, categoryId: string, objectName: string) {
    const category = this.customisable(install.connector, categoryId);
    const result = await this.runner.run(install, category.Customisable.FieldsMethod, {
      Parameters: { [category.Customisable.ObjectPlaceholder]: objectName },
      AllPages: true,
    });
    return objectFields(category.Customisable, asList(result.data));
  }

  private customisable(connector: Connector, categoryId: string) {
    const category = customisableCategory(connector, categoryId);
    if (category === undefined) {
      if (connector.definition.Categories.some((c) => c.Id === categoryId)) {
        throw badRequest(`Category '${categoryId}' of ${connector.definition.Name} cannot be copied for an object`);
      }
      throw notFound(`Category '${categoryId}' not found in ${connector.definition.Name}`);
    }
    return category;
  }

  private rows(installId: number) {
    return customCategoriesOf(this.db, installId);
  }

  private async row(installId: number, categoryId: string, id: number): Promise<CustomCategoryRow> {
    const row = await customCategoryOf(this.db, installId, categoryId, id);
    if (row === undefined) throw notFound(`Custom category ${id} not found`);
    return row;
  }

  private view(connector: Connector, row: CustomCategoryRow) {
    const custom = toCustomCategory(row);
    const category = customisableCategory(connector, row.category_id);
    return {
      Id: row.id,
      CategoryId: row.category_id,
      Name: `${category?.Name ?? row.category_id}: ${row.object_name}`,
      ObjectName: row.object_name,
      // The console marks custom categories with a star.
      IsCustom: true,
      Fields: custom.fields,
      FieldsRefreshedAt: row.fields_refreshed_at,
      Methods: customMethods(connector, custom).map((m) => ({ Id: m.Id, MethodUniqueIdentifier: m.MethodUniqueIdentifier, Name: m.Name })),
      CreatedDate: row.created_at,
    };
  }
}

function asList(data: unknown): unknown[] {
  return Array.isArray(data) ? data : data === null || data === undefined ? [] : [data];
}
