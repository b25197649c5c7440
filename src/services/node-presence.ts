import { randomUUID } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Clock } from '../clock.js';
import type { Db } from '../store/database.js';
import { deleteNode, deleteNodes, deleteNodesSeenBefore, insertNode, nodesOnHost, touchNode } from '../store/nodes.js';

/** How often a node says it is alive. */
export const HEARTBEAT_MS = 2000;
/** A node not heard from for this long is dead: its leases are free, and its row is removed. */
export const NODE_STALE_MS = 3 * HEARTBEAT_MS;

/**
 * Where a process id means one process: the host name, and on Linux the boot and the pid namespace,
 * so that containers sharing a host name or a rebooted machine are never taken for the same place.
 */
function processPlace(): string {
  const parts = [hostname()];
  try {
    parts.push(readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(), readlinkSync('/proc/self/ns/pid'));
  } catch {
    // Not Linux: the host name alone, and dead nodes are known by their heartbeat.
  }
  return parts.join(' ');
}

/** The nodes running in this process (one, but tests and embedders may start several). */
const localNodes = new Set<string>();

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * This process's row in `nodes`: its identity (random per start) and a heartbeat. Leases name the node
 * that holds them; a lease whose node has no row, or a heartbeat older than NODE_STALE_MS, is free.
 *
 * A node on the same machine that is known dead at once, without waiting for its heartbeat to go stale:
 * one whose process is gone, or whose process id is now this process's own without being one of its
 * nodes (a restart in a container).
 * So a single node restarted after a crash never waits on the leases its previous run left behind.
 */
export class NodePresence {
  readonly id = randomUUID();
  private readonly place = processPlace();
  private stopBeat: (() => void) | undefined;
  private beating = false;
  private readonly afterBeat = new Set<() => Promise<unknown>>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Removes the dead nodes' rows, adds this one's, and starts the heartbeat. */
  async start(): Promise<void> {
    await this.purgeDead();
    const now = this.clock.nowIso();
    await insertNode(this.db, { id: this.id, host: this.place, pid: process.pid, started_at: now, last_seen: now });
    localNodes.add(this.id);
    this.stopBeat = this.clock.every(HEARTBEAT_MS, () => void this.beat());
  }

  /** The instant before which a heartbeat means death. */
  staleBefore(): string {
    return this.clock.isoIn(-NODE_STALE_MS);
  }

  /** Runs `work` after each heartbeat, once the dead nodes are known; answers a function that stops it. */
  onBeat(work: () => Promise<unknown>): () => void {
    this.afterBeat.add(work);
    return () => this.afterBeat.delete(work);
  }

  /** Stops the heartbeat and removes the row: whatever this node still holds is free at once. */
  async stop(): Promise<void> {
    this.stopBeat?.();
    localNodes.delete(this.id);
    await deleteNode(this.db, this.id);
  }

  private async beat(): Promise<void> {
    // A slow store must not pile heartbeats up.
    if (this.beating) return;
    this.beating = true;
    try {
      const now = this.clock.nowIso();
      if (!(await touchNode(this.db, this.id, now))) {
        // Taken for dead while alive (a stalled process): come back, so new leases name a live node.
        await insertNode(this.db, { id: this.id, host: this.place, pid: process.pid, started_at: now, last_seen: now });
      }
      await this.purgeDead();
      for (const work of this.afterBeat) await work();
    } catch (error) {
      this.onError(error);
    } finally {
      this.beating = false;
    }
  }

  private async purgeDead(): Promise<void> {
    await deleteNodesSeenBefore(this.db, this.staleBefore());
    const neighbours = await nodesOnHost(this.db, this.place, this.id);
    const dead = (node: { id: string; pid: number }) => (node.pid === process.pid ? !localNodes.has(node.id) : !processAlive(node.pid));
    const gone = neighbours.filter(dead).map((node) => node.id);
    await deleteNodes(this.db, gone);
  }
}
