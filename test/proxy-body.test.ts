import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { proxyBody } from '../src/http/proxy-body.js';

describe('the raw proxy body counter', () => {
  it('lets a client break off a chunked body that no one reads, without an uncaught error', async () => {
    // A request refused before its body is sent on (validation, auth) leaves the counted body unread.
    const payload = new PassThrough();
    const counted = proxyBody({}, payload, 1024);
    payload.write(Buffer.alloc(10));
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', record);
    try {
      payload.destroy();
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('uncaughtException', record);
    }
    expect(uncaught).toEqual([]);
    expect(counted.destroyed).toBe(true);
  });

  it('fails a reader with the break-off, so the request sent on with it is aborted', async () => {
    const payload = new PassThrough();
    const counted = proxyBody({}, payload, 1024);
    const failed = new Promise<Error>((resolve) => counted.on('error', resolve));
    payload.write(Buffer.alloc(10));
    payload.destroy();
    expect((await failed).message).toContain('broke off');
  });
});
