import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** A connector's icon, read once at start-up and served as it is. */
export interface ConnectorIcon {
  readonly svg: Buffer;
  /** A strong entity tag: a hash of the bytes. */
  readonly etag: string;
}

/** An icon is a small mark, not a picture: anything bigger is more likely a mistake than a logo. */
export const MAX_ICON_BYTES = 32 * 1024;

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

/**
 * Reads and checks the icon a connector file names (`Icon: icons/x.svg`, relative to the file's folder).
 * It is served from Patchbay's own origin, so what could run or fetch anything is refused: scripts, event
 * handler attributes, links and references outside the file, embedded HTML and entity declarations.
 */
export function readIcon(connectorFile: string, name: string): { icon?: ConnectorIcon; problems: string[] } {
  const where = `/Icon: ${name}`;
  const folder = path.dirname(connectorFile);
  const file = path.resolve(folder, name);
  const relative = path.relative(folder, file);
  if (path.isAbsolute(name) || relative.startsWith('..')) {
    return { problems: [`${where}: must be a path inside the connector file's folder`] };
  }
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > MAX_ICON_BYTES) return { problems: [`${where}: is ${size} bytes, more than the ${MAX_ICON_BYTES} allowed`] };
    bytes = readFileSync(file);
  } catch (error) {
    return { problems: [`${where}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`] };
  }
  const problems = svgProblems(bytes).map((problem) => `${where}: ${problem}`);
  if (problems.length > 0) return { problems };
  return { icon: { svg: bytes, etag: `"${createHash('sha256').update(bytes).digest('base64url')}"` }, problems };
}

/** What keeps these bytes from being a self-contained SVG image; empty when nothing does. */
export function svgProblems(bytes: Buffer): string[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return ['is not UTF-8 text, so not an SVG file'];
  }
  const body = text
    .replace(/^\uFEFF/, '')
    .replace(/^\s*<\?xml[^>]*\?>/, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .trim();
  if (/<!(DOCTYPE|ENTITY)/i.test(body)) return ['declares a DOCTYPE or entities, which an icon does not need'];
  const root = /^<svg[\s>][^>]*>/.exec(body)?.[0];
  if (root === undefined || !body.endsWith('</svg>')) return ['is not an SVG file: its root element must be <svg>'];
  const problems: string[] = [];
  if (!new RegExp(`\\sxmlns\\s*=\\s*["']${SVG_NAMESPACE}["']`).test(root)) {
    problems.push(`the <svg> element needs xmlns="${SVG_NAMESPACE}" to show as an image`);
  }
  if (!/\sviewBox\s*=/.test(root)) problems.push('the <svg> element needs a viewBox so the icon scales');
  if (/<script[\s>/]/i.test(body)) problems.push('contains a <script> element');
  if (/<foreignObject[\s>/]/i.test(body)) problems.push('contains a <foreignObject> element');
  const handler = /\s(on[a-z]+)\s*=/i.exec(body)?.[1];
  if (handler !== undefined) problems.push(`has an event handler attribute (${handler})`);
  const outside = [
    ...[...body.matchAll(/\s(?:xlink:)?href\s*=\s*["']\s*([^"']*)/gi)].map((m) => m[1] ?? ''),
    ...[...body.matchAll(/url\(\s*["']?\s*([^)"']*)/gi)].map((m) => m[1] ?? ''),
  ].find((reference) => !reference.startsWith('#'));
  if (outside !== undefined) problems.push(`refers to something outside the file (${outside.slice(0, 80)})`);
  if (/@import/i.test(body)) problems.push('imports a style sheet');
  return problems;
}
