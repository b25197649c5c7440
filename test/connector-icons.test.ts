import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../console/src/types.js';
import { CatalogueError, loadCatalogue } from '../src/catalogue/loader.js';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { builtInConnectorsDir } from '../src/paths.js';
import { installInto, type Patchbay, startPatchbay } from './support/harness.js';
import { connectorsFolder, iconConnector } from './support/test-connectors.js';

const PIPEDRIVE_ICON = readFileSync(path.join(builtInConnectorsDir, 'icons', 'pipedrive.svg'));
const OWN_ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle cx="4" cy="4" r="4" fill="#c00"/></svg>';
const etagOf = (bytes: Buffer | string) => `"${createHash('sha256').update(bytes).digest('base64url')}"`;

describe('connector icons at GET /v1.0/connectors/{id}/icon', () => {
  let patchbay: Patchbay;

  beforeAll(async () => {
    const extra = connectorsFolder({
      'own.yaml': iconConnector({ id: 601, slug: 'own', icon: 'icons/own.svg' }),
      'icons/own.svg': OWN_ICON,
      'plain.yaml': iconConnector({ id: 602, slug: 'plain' }),
    });
    patchbay = await startPatchbay({ PATCHBAY_CONNECTORS_DIR: extra });
  });
  afterAll(() => patchbay.close());

  const icon = (key: string, headers: Record<string, string> = {}) => fetch(`${patchbay.url}/v1.0/connectors/${key}/icon`, { headers });

  it('serves an icon without a token: SVG, cached for a day, a strong ETag of its bytes, no sniffing, no scripts', async () => {
    const reply = await icon('2');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('image/svg+xml');
    expect(reply.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(reply.headers.get('etag')).toBe(etagOf(PIPEDRIVE_ICON));
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = (reply.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim());
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('sandbox');
    expect(csp.some((d) => d.startsWith('script-src'))).toBe(false);
    expect(Buffer.from(await reply.arrayBuffer())).toEqual(PIPEDRIVE_ICON);
  });

  it('finds the connector by Id, Name in any case or slug, as the other connector routes do', async () => {
    for (const key of ['pipedrive', 'PIPEDRIVE', 'Pipedrive%20(OAuth%202.0)', 'pipedrive_oauth', '4']) {
      const reply = await icon(key);
      expect(reply.status, key).toBe(200);
      expect(Buffer.from(await reply.arrayBuffer()), key).toEqual(PIPEDRIVE_ICON);
    }
  });

  it('answers 304 with no body to an If-None-Match naming the current ETag, and 200 to another', async () => {
    const etag = etagOf(PIPEDRIVE_ICON);
    for (const ifNoneMatch of [etag, `W/${etag}`, `"stale", ${etag}`, '*']) {
      const reply = await icon('2', { 'if-none-match': ifNoneMatch });
      expect(reply.status, ifNoneMatch).toBe(304);
      expect(reply.headers.get('etag')).toBe(etag);
      expect(reply.headers.get('cache-control')).toBe('public, max-age=86400');
      expect(await reply.text()).toBe('');
    }
    const stale = await icon('2', { 'if-none-match': etagOf('an older icon') });
    expect(stale.status).toBe(200);
    expect(Buffer.from(await stale.arrayBuffer())).toEqual(PIPEDRIVE_ICON);
  });

  it('answers 404 PB_ERR_NOT_FOUND in JSON for an unknown connector and for a connector without an icon', async () => {
    for (const key of ['999', 'no-such-connector', 'plain']) {
      const reply = await icon(key);
      expect(reply.status, key).toBe(404);
      expect(await reply.json()).toEqual({ Message: expect.any(String), Code: 'PB_ERR_NOT_FOUND' });
    }
  });

  it('serves the icon a connector of PATCHBAY_CONNECTORS_DIR ships beside its file', async () => {
    const reply = await icon('own');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('etag')).toBe(etagOf(OWN_ICON));
    expect(await reply.text()).toBe(OWN_ICON);
  });

  it("gives Icon as the icon's absolute URL in the catalogue and account connector replies, '' without one", async () => {
    const urlOf = (id: number) => `${patchbay.url}/v1.0/connectors/${id}/icon`;
    const list = (await (await patchbay.call('GET', '/v1.0/connectors')).json()) as Reply<'listConnectors'>;
    expect(list.map((c) => [c.Id, c.Icon])).toEqual([
      [1, urlOf(1)],
      [2, urlOf(2)],
      [3, urlOf(3)],
      [4, urlOf(4)],
      [5, urlOf(5)],
      [601, urlOf(601)],
      [602, ''],
    ]);
    for (const { Icon } of list.filter((c) => c.Icon !== '')) expect((await fetch(Icon)).status, Icon).toBe(200);
    const one = (await (await patchbay.call('GET', '/v1.0/connectors/Capsule%20v2')).json()) as Reply<'getConnector'>;
    expect(one.Icon).toBe(urlOf(3));

    const installId = await installInto(patchbay, 'icon-account', 2);
    const installed = await patchbay.call('GET', `/v1.0/account/connectors/${installId}`, { account: 'icon-account' });
    expect(((await installed.json()) as Reply<'getAccountConnector'>).Connector?.Icon).toBe(urlOf(2));
  });
});

describe('the connector file loader, for icons', () => {
  const SVG = (inside: string, attributes = 'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"') => `<svg ${attributes}>${inside}</svg>`;

  /** The problems of one connector file naming `icon`, beside the given files. */
  function problemsOf(icon: string, files: Record<string, string | Buffer> = {}): string[] {
    const dir = connectorsFolder({ 'fixture.yaml': iconConnector({ id: 610, slug: 'fixture', icon }), ...files });
    try {
      loadCatalogue([dir]);
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogueError);
      return (error as CatalogueError).problems.map((p) => p.replace(`${path.join(dir, 'fixture.yaml')}: `, ''));
    }
    throw new Error('loadCatalogue accepted the file');
  }

  it('reads a valid icon once, with its ETag, keeping a comment and an XML declaration', () => {
    const svg = `<?xml version="1.0" encoding="UTF-8"?>\n<!-- drawn for the fixture -->\n${SVG('<use href="#dot"/><circle id="dot" r="1" fill="url(#paint)"/>')}\n`;
    const dir = connectorsFolder({ 'fixture.yaml': iconConnector({ id: 610, slug: 'fixture', icon: 'fixture.svg' }), 'fixture.svg': svg });
    const connector = loadCatalogue([dir]).find('fixture');
    expect(connector?.icon?.svg.toString()).toBe(svg);
    expect(connector?.icon?.etag).toBe(etagOf(svg));
  });

  it('loads every built-in connector with an icon of its own drawing', () => {
    for (const connector of loadCatalogue([builtInConnectorsDir]).all) {
      expect(connector.icon?.svg.length, connector.definition.Name).toBeGreaterThan(0);
      expect(connector.icon?.svg.length, connector.definition.Name).toBeLessThan(2048);
    }
  });

  it('refuses a missing file', () => {
    expect(problemsOf('icons/missing.svg')).toEqual(['/Icon: icons/missing.svg: cannot be read (ENOENT)']);
  });

  it('refuses a file that is not SVG: binary, or another kind of markup, or another file name', () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect(problemsOf('icon.svg', { 'icon.svg': png })).toEqual(['/Icon: icon.svg: is not UTF-8 text, so not an SVG file']);
    expect(problemsOf('icon.svg', { 'icon.svg': '<html><body>hi</body></html>' })).toEqual([
      '/Icon: icon.svg: is not an SVG file: its root element must be <svg>',
    ]);
    expect(problemsOf('icon.png', { 'icon.png': png })).toEqual([expect.stringMatching(/^\/Icon: must match pattern/)]);
  });

  it('refuses an SVG that would not show as an image: no namespace, no viewBox', () => {
    expect(problemsOf('icon.svg', { 'icon.svg': SVG('', 'width="8" height="8"') })).toEqual([
      '/Icon: icon.svg: the <svg> element needs xmlns="http://www.w3.org/2000/svg" to show as an image',
      '/Icon: icon.svg: the <svg> element needs a viewBox so the icon scales',
    ]);
  });

  it('refuses a script, an event handler attribute, embedded HTML, an outside reference or entities', () => {
    const cases: [string, string][] = [
      [SVG('<script>alert(1)</script>'), 'contains a <script> element'],
      [SVG('<SCRIPT/>'), 'contains a <script> element'],
      [SVG('', 'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8" onload="alert(1)"'), 'has an event handler attribute (onload)'],
      [SVG('<foreignObject><div>hi</div></foreignObject>'), 'contains a <foreignObject> element'],
      [
        SVG('<image href="https://elsewhere.example/logo.png"/>'),
        'refers to something outside the file (https://elsewhere.example/logo.png)',
      ],
      [SVG('<a xlink:href="javascript:alert(1)"><rect/></a>'), 'refers to something outside the file (javascript:alert(1))'],
      [
        SVG('<rect fill="url(https://elsewhere.example/p.svg#p)"/>'),
        'refers to something outside the file (https://elsewhere.example/p.svg#p)',
      ],
      [SVG('<style>@import "x.css";</style>'), 'imports a style sheet'],
      [`<!DOCTYPE svg [<!ENTITY a "aaaa">]>${SVG('&a;')}`, 'declares a DOCTYPE or entities, which an icon does not need'],
    ];
    for (const [svg, problem] of cases) expect(problemsOf('icon.svg', { 'icon.svg': svg }), svg).toEqual([`/Icon: icon.svg: ${problem}`]);
  });

  it('refuses a file over 32 KiB', () => {
    const big = SVG(`<!-- ${'x'.repeat(40_000)} -->`);
    expect(problemsOf('big.svg', { 'big.svg': big })).toEqual([
      `/Icon: big.svg: is ${Buffer.byteLength(big)} bytes, more than the 32768 allowed`,
    ]);
  });

  it("refuses a path outside the connector file's folder", () => {
    for (const icon of ['../icon.svg', '/etc/icon.svg', 'icons/../../icon.svg']) {
      expect(problemsOf(icon), icon).toEqual([`/Icon: ${icon}: must be a path inside the connector file's folder`]);
    }
  });

  it('stops start-up with the icon named when a connector of PATCHBAY_CONNECTORS_DIR has a bad one', async () => {
    const connectors = connectorsFolder({
      'bad.yaml': iconConnector({ id: 611, slug: 'bad', icon: 'bad.svg' }),
      'bad.svg': SVG('<script>alert(1)</script>'),
    });
    const config = loadConfig({
      PATCHBAY_DATA_DIR: connectorsFolder({}),
      PATCHBAY_LOG_LEVEL: 'silent',
      PATCHBAY_CONNECTORS_DIR: connectors,
    });
    const failure = await createContext(config).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(CatalogueError);
    expect((failure as CatalogueError).problems).toEqual([
      `${path.join(connectors, 'bad.yaml')}: /Icon: bad.svg: contains a <script> element`,
    ]);
  });
});
