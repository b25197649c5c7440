import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import { badRequest, notFound, PatchbayError } from '../errors.js';
import { accountCount, accountExists, accountOf, accountPage, deleteAccount, insertAccount, updateAccount } from '../store/accounts.js';
import type { Db } from '../store/database.js';
import type { Invalidations } from '../store/invalidations.js';
import type { AccountTable } from '../store/schema.js';
import { offsetOf, type Page, type PageRequest } from './paging.js';

export interface Account {
  Id: string;
  Name: string;
  Description: string | null;
  Timezone: string | null;
  CreatedDate: string;
}

export interface AccountInput {
  Id?: string;
  Name: string;
  Description?: string | null;
  Timezone?: string | null;
}

const toAccount = (row: AccountTable): Account => ({
  Id: row.id,
  Name: row.name,
  Description: row.description,
  Timezone: row.timezone,
  CreatedDate: row.created_at,
});

function checkTimezone(timezone: string | null | undefined): void {
  if (timezone === undefined || timezone === null) return;
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw badRequest(`Timezone '${timezone}' is not an IANA time zone (e.g. Europe/London)`);
  }
}

/** Accounts: the partner's customers. Everything installed belongs to one. */
export class Accounts {
  /** Ids known to exist (and since when), so account-level calls check the account without a query once warm. */
  private readonly known = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly bus: Invalidations,
    /** How long a node trusts what it knows without a query. */
    private readonly ttlMs: number,
    private readonly clock: Clock,
  ) {
    bus.on((invalidation) => {
      if (invalidation.kind === 'account') this.known.delete(invalidation.id);
      if (invalidation.kind === 'everything') this.known.clear();
    });
  }

  async create(input: AccountInput): Promise<Account> {
    checkTimezone(input.Timezone);
    const row: AccountTable = {
      id: input.Id ?? randomUUID(),
      name: input.Name,
      description: input.Description ?? null,
      timezone: input.Timezone ?? null,
      created_at: this.clock.nowIso(),
    };
    if (!(await insertAccount(this.db, row))) throw new PatchbayError('PB_ERR_ID_IN_USE', 'ID already in use');
    return toAccount(row);
  }

  async list(page: PageRequest): Promise<Page<Account>> {
    const [rows, total] = await Promise.all([accountPage(this.db, page.pageSize, offsetOf(page)), accountCount(this.db)]);
    return { items: rows.map(toAccount), total };
  }

  async get(id: string): Promise<Account> {
    const row = await accountOf(this.db, id);
    if (row === undefined) throw notFound(`Account '${id}' not found`);
    return toAccount(row);
  }

  /** Whether the account was seen to exist recently enough to trust without a query. */
  private isKnown(id: string): boolean {
    const since = this.known.get(id);
    return since !== undefined && this.bus.healthy && this.clock.now() - since < this.ttlMs;
  }

  async assertExists(id: string): Promise<void> {
    if (this.isKnown(id)) return;
    if (!(await accountExists(this.db, id))) {
      this.known.delete(id);
      throw notFound(`Account '${id}' not found`);
    }
    this.known.set(id, this.clock.now());
  }

  async update(id: string, input: Partial<Omit<AccountInput, 'Id'>>): Promise<Account> {
    checkTimezone(input.Timezone);
    const changes: Partial<AccountTable> = {};
    if (input.Name !== undefined) changes.name = input.Name;
    if (input.Description !== undefined) changes.description = input.Description;
    if (input.Timezone !== undefined) changes.timezone = input.Timezone;
    if (Object.keys(changes).length > 0) {
      if (!(await updateAccount(this.db, id, changes))) throw notFound(`Account '${id}' not found`);
    }
    return this.get(id);
  }

  /** Deletes the account and, through the foreign keys, everything it owns. */
  async delete(id: string): Promise<void> {
    if (!(await deleteAccount(this.db, id))) throw notFound(`Account '${id}' not found`);
    // Its restricted tokens, installs and this entry are forgotten on every node.
    this.bus.publish({ kind: 'account', id });
  }
}
