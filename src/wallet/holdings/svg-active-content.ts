/**
 * What in an SVG could run or load something when shown: script elements, event-handler attributes,
 * `javascript:` links, embedded HTML (foreignObject) and nested documents. A badge image is a picture;
 * anything of this kind is refused at import, and images are shown only through `<img>` (where SVG
 * scripts never run) as a second line of defence.
 * @see https://www.w3.org/TR/SVG2/interact.html#ScriptElement
 */
const ACTIVE: Array<[RegExp, string]> = [
  [/<(?:[a-z0-9_-]+:)?script[\s>/]/i, 'a <script> element'],
  [/<(?:[a-z0-9_-]+:)?(?:foreignObject|iframe|embed|object|handler|listener)[\s>/]/i, 'embedded content (foreignObject, iframe, embed, object or a handler)'],
  [/\son[a-z]+\s*=/i, 'an event-handler attribute (on…=)'],
  [/(?:href|src)\s*=\s*["']?\s*(?:javascript|vbscript|data:text\/html)/i, 'a script link'],
  [/<!ENTITY/i, 'an entity declaration'],
];

/** The first kind of active content found in the SVG text, or null when it is a plain picture. */
export function findActiveSvgContent(svg: string): string | null {
  // The baked credential itself (CDATA or the verify attribute) is data, never markup: leave it out of the scan.
  const withoutCredential = svg.replace(/<openbadges:credential\b[\s\S]*?(<\/openbadges:credential>|\/>)/gi, '');
  for (const [pattern, what] of ACTIVE) if (pattern.test(withoutCredential)) return what;
  return null;
}
