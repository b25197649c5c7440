import type { IncomingHttpHeaders } from 'node:http';
import { type Readable, Transform } from 'node:stream';
import { PatchbayError } from '../errors.js';

/** The rest of a refused body is never read: the connection it came on is closed after the answer. */
const CLOSE = { connection: 'close' };
const tooLarge = (limit: number) =>
  new PatchbayError('PB_ERR_PAYLOAD_TOO_LARGE', `A proxied request body may be at most ${limit} bytes`, undefined, CLOSE);

/**
 * A raw-proxy request body, bounded by `limit`. One that declares a longer Content-Length is refused before
 * anything is sent on. One of unknown length (chunked) is passed through a counter that fails with 413 once
 * it grows past the limit, which aborts the request to the third party.
 */
export function proxyBody(headers: IncomingHttpHeaders, payload: Readable, limit: number): Readable {
  const declared = headers['content-length'];
  if (declared !== undefined) {
    if (Number(declared) > limit) throw tooLarge(limit);
    // Node's parser stops a body at its declared length: it needs no counting.
    return payload;
  }
  let seen = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen <= limit) return callback(null, chunk);
      // Unpiped first: the client's request must stay open for the 413 to reach it.
      payload.unpipe(counted);
      callback(tooLarge(limit));
    },
  });
  // The request sent on reads the body and sees its errors; a request refused before that (validation,
  // authentication) leaves it unread, and an error no one listens for would end the process.
  counted.on('error', () => {});
  // A client that breaks off its body breaks off the request sent on with it.
  payload.once('close', () => {
    if (!payload.readableEnded) counted.destroy(new Error('The client broke off the request body'));
  });
  return payload.pipe(counted);
}
