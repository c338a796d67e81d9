import { XMLParser } from 'fast-xml-parser';
import { imageTooLarge, malformedImage, noBakedCredential } from './baking-errors.js';
import { MAX_BADGE_IMAGE_BYTES } from './png-baking.js';

/**
 * Open Badges 3.0 baking in SVG (OB 3.0 §5.3.2): an `<openbadges:credential>` element in the namespace
 * `https://purl.imsglobal.org/ob/v3p0`, holding the JSON credential as text (CDATA) or a VC-JWT in its
 * `verify` attribute. The SVG is parsed as data only: no entities expanded, nothing fetched, no script run.
 */
export const OB_SVG_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: false,
  cdataPropName: '#cdata',
  textNodeName: '#text',
  isArray: () => false,
});

type XmlNode = Record<string, unknown>;

export const looksLikeSvg = (text: string): boolean => /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?<svg[\s>]/i.test(text);

/** The baked credential text of an SVG. Throws a `credentials.baked_*` AppError when there is none or the file is bad. */
export function extractFromSvg(svg: string): string {
  if (svg.length > MAX_BADGE_IMAGE_BYTES) throw imageTooLarge(MAX_BADGE_IMAGE_BYTES);
  let document: XmlNode;
  try {
    document = parser.parse(svg, true) as XmlNode;
  } catch (error) {
    throw malformedImage(`The SVG is not well-formed XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const root = document.svg;
  if (typeof root !== 'object' || root === null) throw malformedImage('The file has no <svg> root element.');
  const svgRoot = root as XmlNode;
  // The prefix is whatever the document binds to the OB namespace (usually `openbadges`).
  const prefix = Object.entries(svgRoot).find(([name, value]) => name.startsWith('@xmlns:') && value === OB_SVG_NAMESPACE)?.[0].slice('@xmlns:'.length);
  const element = prefix ? svgRoot[`${prefix}:credential`] : undefined;
  if (typeof element === 'string' && element.trim()) return element.trim();
  if (typeof element !== 'object' || element === null) throw noBakedCredential('SVG');
  const node = element as XmlNode;
  // Several CDATA sections (a `]]>` inside the JSON is split across two) arrive as an array: join them.
  const joined = (value: unknown): unknown => (Array.isArray(value) ? value.map(String).join('') : value);
  const text = [node['@verify'], joined(node['#cdata']), joined(node['#text'])].find((value) => typeof value === 'string' && value.trim() !== '');
  if (typeof text !== 'string') throw noBakedCredential('SVG');
  return text.trim();
}

const escapeAttribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * A copy of the SVG carrying `credential`, right after the root's start tag. JSON goes into CDATA (any
 * `]]>` inside split safely); a compact JWT into the `verify` attribute.
 */
export function bakeSvg(svg: string, credential: string): string {
  extractFromSvgSafe(svg);
  const start = /<svg\b[^>]*>/i.exec(svg);
  if (!start) throw malformedImage('The file has no <svg> root element.');
  let tag = start[0];
  if (!/xmlns:openbadges\s*=/.test(tag)) tag = tag.replace(/^<svg\b/i, `<svg xmlns:openbadges="${OB_SVG_NAMESPACE}"`);
  const isJwt = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(credential.trim());
  const element = isJwt
    ? `<openbadges:credential verify="${escapeAttribute(credential.trim())}"/>`
    : `<openbadges:credential><![CDATA[${credential.replace(/]]>/g, ']]]]><![CDATA[>')}]]></openbadges:credential>`;
  const withoutOld = svg.slice(start.index + start[0].length).replace(/<openbadges:credential\b[\s\S]*?(<\/openbadges:credential>|\/>)/g, '');
  return `${svg.slice(0, start.index)}${tag}\n${element}${withoutOld}`;
}

/** Parses only to refuse malformed input before baking into it. */
function extractFromSvgSafe(svg: string): void {
  try {
    extractFromSvg(svg);
  } catch (error) {
    if ((error as { code?: string }).code !== 'credentials.baked_no_credential') throw error;
  }
}
