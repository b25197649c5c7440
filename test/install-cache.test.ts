import { describe, expect, it } from 'vitest';
import type { Connector } from '../src/catalogue/catalogue.js';
import { TestClock } from '../src/clock.js';
import type { ResolvedInstall } from '../src/runtime/resolved-install.js';
import { InstallCache } from '../src/services/install-cache.js';
import { Invalidations } from '../src/store/invalidations.js';

const install = (id: number, name: string): ResolvedInstall => ({
  id,
  accountId: 'a',
  name,
  connector: {} as Connector,
  authenticated: true,
  authError: null,
  credentialId: null,
  customMethods: new Map(),
  customObjects: new Map(),
  secret: null,
  token: null,
  values: new Map(),
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('install cache', () => {
  it('serves a warm entry without loading again', async () => {
    const cache = new InstallCache();
    let loads = 0;
    const load = async () => {
      loads++;
      return install(1, 'one');
    };
    await cache.get(1, load);
    await cache.get(1, load);
    expect(loads).toBe(1);
  });

  it('loads again once an entry is older than its time to live (writes from other nodes)', async () => {
    const clock = new TestClock();
    const cache = new InstallCache(30, new Invalidations(), clock);
    let loads = 0;
    const load = async () => install(1, `load ${++loads}`);
    expect((await cache.get(1, load))?.name).toBe('load 1');
    expect((await cache.get(1, load))?.name).toBe('load 1');
    await clock.advance(40);
    expect((await cache.get(1, load))?.name).toBe('load 2');
  });

  it('shares one load between concurrent cold calls', async () => {
    const cache = new InstallCache();
    const gate = deferred<ResolvedInstall>();
    let loads = 0;
    const load = () => {
      loads++;
      return gate.promise;
    };
    const calls = Promise.all([cache.get(1, load), cache.get(1, load), cache.get(1, load)]);
    gate.resolve(install(1, 'one'));
    expect((await calls).map((r) => r?.name)).toEqual(['one', 'one', 'one']);
    expect(loads).toBe(1);
  });

  it('does not keep, or hand out again, a value whose load raced a write', async () => {
    const cache = new InstallCache();
    const stale = deferred<ResolvedInstall>();
    const first = cache.get(1, () => stale.promise);
    cache.forget(1);
    const fresh = await cache.get(1, async () => install(1, 'after the write'));
    stale.resolve(install(1, 'before the write'));
    await first;
    expect(fresh?.name).toBe('after the write');
    expect((await cache.get(1, async () => install(1, 'reloaded')))?.name).toBe('after the write');
  });
});
