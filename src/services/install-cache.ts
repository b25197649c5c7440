import { type Clock, systemClock } from '../clock.js';
import type { ResolvedInstall } from '../runtime/resolved-install.js';
import { type Invalidation, Invalidations } from '../store/invalidations.js';

const LIMIT = 50_000;

/**
 * Keeps resolved installs in memory so a warm method call reads no database row. Every write to an
 * install, its properties or its credential calls a `forget` method, which publishes the change on the
 * invalidation bus: this node forgets at once, other nodes sharing the store when the message reaches
 * them. `ttlMs` bounds how long an entry serves even so.
 */
export class InstallCache {
  private readonly entries = new Map<number, { value: ResolvedInstall; loadedAt: number }>();
  private readonly pending = new Map<number, Promise<ResolvedInstall | undefined>>();
  /** The ids of each account's installs (authenticated or not), and the account each listed install is in. */
  private readonly lists = new Map<string, { ids: readonly number[]; loadedAt: number }>();
  private readonly listedIn = new Map<number, string>();
  /** Bumped by every write, so a load that raced a write is not kept. */
  private generation = 0;

  constructor(
    /** How long an entry may serve. */
    private readonly ttlMs = Number.POSITIVE_INFINITY,
    private readonly bus = new Invalidations(),
    private readonly clock: Clock = systemClock,
  ) {
    bus.on((invalidation) => this.apply(invalidation));
  }

  /** The entry for `id` when it may still serve, without loading anything. */
  peek(id: number): ResolvedInstall | undefined {
    const hit = this.entries.get(id);
    return hit !== undefined && this.bus.healthy && this.clock.now() - hit.loadedAt < this.ttlMs ? hit.value : undefined;
  }

  async get(id: number, load: () => Promise<ResolvedInstall | undefined>): Promise<ResolvedInstall | undefined> {
    const hit = this.peek(id);
    if (hit !== undefined) return hit;
    // Concurrent cold calls share one load.
    let loading = this.pending.get(id);
    if (loading === undefined) {
      loading = load().finally(() => {
        if (this.pending.get(id) === loading) this.pending.delete(id);
      });
      this.pending.set(id, loading);
      const generation = this.generation;
      loading.then(
        (value) => {
          // A write that happened while loading makes this value stale: do not keep it.
          if (value !== undefined && generation === this.generation) this.remember(value);
        },
        () => undefined,
      );
    }
    return loading;
  }

  /** The ids of an account's installs, kept until one is added or removed (or the entry is older than `ttlMs`). */
  async idsOf(accountId: string, load: () => Promise<number[]>): Promise<readonly number[]> {
    const hit = this.lists.get(accountId);
    if (hit !== undefined && this.bus.healthy && this.clock.now() - hit.loadedAt < this.ttlMs) return hit.ids;
    const generation = this.generation;
    const ids = await load();
    if (generation === this.generation) {
      if (this.lists.size >= LIMIT) this.dropList(this.lists.keys().next().value as string);
      this.lists.set(accountId, { ids, loadedAt: this.clock.now() });
      for (const id of ids) this.listedIn.set(id, accountId);
    }
    return ids;
  }

  /** An install was added: the account's list is read afresh. */
  forgetAccountInstalls(accountId: string): void {
    this.bus.publish({ kind: 'account-installs', id: accountId });
  }

  forget(id: number): void {
    this.bus.publish({ kind: 'install', id });
  }

  /** A credential changed (a refresh, a new secret): every install sharing it re-resolves. */
  forgetCredential(id: number): void {
    this.bus.publish({ kind: 'credential', id });
  }

  /** A connector's partner setup changed: every install of it re-resolves. */
  forgetConnector(id: number): void {
    this.bus.publish({ kind: 'connector', id });
  }

  private apply(invalidation: Invalidation): void {
    if (invalidation.kind === 'client' || invalidation.kind === 'cycle') return;
    this.generation++;
    if (invalidation.kind === 'install') {
      this.entries.delete(invalidation.id);
      this.pending.delete(invalidation.id);
      const account = this.listedIn.get(invalidation.id);
      if (account !== undefined) this.dropList(account);
      return;
    }
    if (invalidation.kind === 'account-installs' || invalidation.kind === 'account') this.dropList(invalidation.id);
    if (invalidation.kind === 'account-installs') return;
    if (invalidation.kind === 'everything') {
      this.lists.clear();
      this.listedIn.clear();
    }
    // A load in flight may be for an install concerned; let the next call start afresh.
    this.pending.clear();
    const concerned = (install: ResolvedInstall) => {
      switch (invalidation.kind) {
        case 'credential':
          return install.credentialId === invalidation.id;
        case 'connector':
          return install.connector.definition.Id === invalidation.id;
        case 'account':
          return install.accountId === invalidation.id;
        case 'everything':
          return true;
      }
    };
    for (const [id, entry] of this.entries) if (concerned(entry.value)) this.entries.delete(id);
  }

  private dropList(accountId: string): void {
    for (const id of this.lists.get(accountId)?.ids ?? []) this.listedIn.delete(id);
    this.lists.delete(accountId);
  }

  private remember(value: ResolvedInstall): void {
    if (this.entries.size >= LIMIT) this.entries.delete(this.entries.keys().next().value as number);
    this.entries.set(value.id, { value, loadedAt: this.clock.now() });
  }
}
