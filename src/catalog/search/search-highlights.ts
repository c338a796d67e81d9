import { highlight, type HighlightSegment } from '../esco/highlight.js';
import type { SearchSkill } from './catalog-search.tables.js';

const SNIPPET_LENGTH = 220;

const matchedWords = (segments: HighlightSegment[]): number => segments.filter((segment) => segment.match).length;

/** Marks the typed words (typos included) in a text; all unmarked without a query. */
export const highlightText = (text: string, query: string | null): HighlightSegment[] => (query ? highlight(text, query) : [{ text, match: false }]);

/** Cuts a long text to a window around its first match, on word boundaries, with ellipses where cut. */
function window(text: string, query: string | null): string {
  if (text.length <= SNIPPET_LENGTH) return text;
  const segments = highlightText(text, query);
  let offset = 0;
  for (const segment of segments) {
    if (segment.match) break;
    offset += segment.text.length;
  }
  const start = offset >= segments.reduce((n, s) => n + s.text.length, 0) ? 0 : Math.max(0, offset - 60);
  const from = start === 0 ? 0 : text.indexOf(' ', start) + 1;
  const cut = text.slice(from, from + SNIPPET_LENGTH);
  const to = cut.length < SNIPPET_LENGTH ? cut.length : Math.max(cut.lastIndexOf(' '), 1);
  return `${from > 0 ? '…' : ''}${cut.slice(0, to)}${from + to < text.length ? '…' : ''}`;
}

/** The description or outcome statement that matches most typed words, shortened, with its matches marked. */
export function snippetOf(texts: string[], query: string | null): HighlightSegment[] {
  let best = texts[0] ?? '';
  let bestCount = query ? matchedWords(highlightText(best, query)) : 0;
  for (const text of texts.slice(1)) {
    const count = query ? matchedWords(highlightText(text, query)) : 0;
    if (count > bestCount) [best, bestCount] = [text, count];
  }
  return highlightText(window(best, query), query);
}

/**
 * A skill as a result shows it: its preferred label, or the ESCO alternative label the query matched when
 * the preferred one does not ("Google Sheets" for "use spreadsheets software"), so people see why it matched.
 */
export function skillHighlight(skill: SearchSkill, query: string | null): { uri: string; label: string; matchedLabel: string | null; highlight: HighlightSegment[] } {
  const own = highlightText(skill.label, query);
  if (!query || matchedWords(own) > 0) return { uri: skill.uri, label: skill.label, matchedLabel: null, highlight: own };
  let best: { label: string; segments: HighlightSegment[]; words: number } | null = null;
  for (const alt of skill.altLabels) {
    const segments = highlight(alt, query);
    const words = matchedWords(segments);
    if (words > 0 && (best === null || words > best.words)) best = { label: alt, segments, words };
  }
  return best ? { uri: skill.uri, label: skill.label, matchedLabel: best.label, highlight: best.segments } : { uri: skill.uri, label: skill.label, matchedLabel: null, highlight: own };
}
