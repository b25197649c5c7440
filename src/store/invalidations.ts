/** Something a node may hold in memory changed in the store. */
export type Invalidation =
  | { kind: 'install'; id: number }
  /** An install was added to the account. */
  | { kind: 'account-installs'; id: string }
  | { kind: 'credential'; id: number }
  | { kind: 'connector'; id: number }
  | { kind: 'account'; id: string }
  | { kind: 'client'; id: string }
  /** A cycle's status changed or it was deleted: its run plan is read afresh. */
  | { kind: 'cycle'; id: number }
  /** Messages may have been missed (the link to the other nodes dropped): forget everything. */
  | { kind: 'everything' };

/** Carries invalidations to the other nodes sharing the store. */
export interface InvalidationLink {
  send(invalidation: Invalidation): void;
}

type Handler = (invalidation: Invalidation) => void;

/**
 * The bus that keeps in-memory caches coherent. A write publishes what it changed: the caches of this
 * node forget it at once, and the link (PostgreSQL NOTIFY, or the changes table of a SQLite file) tells
 * every other node or process, whose caches forget it when the message arrives. Without a link (an
 * in-memory store) only this node writes.
 */
export class Invalidations {
  private readonly handlers: Handler[] = [];
  private link: InvalidationLink | undefined;
  /** False while the link is down: caches then read through, since messages may be missed. */
  healthy = true;

  on(handler: Handler): void {
    this.handlers.push(handler);
  }

  connect(link: InvalidationLink): void {
    this.link = link;
  }

  /** A write on this node: forget here, and tell the others. */
  publish(invalidation: Invalidation): void {
    this.apply(invalidation);
    this.link?.send(invalidation);
  }

  /** A message from another node (or the link itself). */
  apply(invalidation: Invalidation): void {
    for (const handler of this.handlers) handler(invalidation);
  }
}
