/** A piece of a label, marked when it matches a word the person typed. */
export interface HighlightSegment {
  text: string;
  match: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Edit distance, stopping early once it exceeds `max` (labels and queries are short). */
export function withinDistance(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return false;
    previous = current;
  }
  return previous[b.length]! <= max;
}

/** A label word matches a typed word when one starts the other (3+ letters) or they differ by a typo or two. */
function wordsMatch(labelWord: string, typed: string): boolean {
  if (typed.length < 2) return labelWord === typed;
  const shorter = Math.min(labelWord.length, typed.length);
  if (shorter >= 3 && (labelWord.startsWith(typed) || typed.startsWith(labelWord))) return true;
  return withinDistance(labelWord, typed, typed.length >= 8 ? 2 : typed.length >= 4 ? 1 : 0);
}

/**
 * Splits `label` into segments, marking the words that match the query, typos included. Returned as
 * data, not HTML, so no client has to trust markup built from catalogue text.
 */
export function highlight(label: string, query: string): HighlightSegment[] {
  const typed = (query.toLowerCase().match(WORD) ?? []).slice(0, 32);
  const segments: HighlightSegment[] = [];
  const push = (text: string, match: boolean) => {
    if (text === '') return;
    // Matched words with only spaces between them read as one matched phrase.
    const gap = segments.at(-1);
    if (match && gap && !gap.match && /^\s+$/.test(gap.text) && segments.at(-2)?.match) {
      segments.pop();
      segments.at(-1)!.text += gap.text;
    }
    const last = segments.at(-1);
    if (last && last.match === match) last.text += text;
    else segments.push({ text, match });
  };
  let position = 0;
  for (const found of label.matchAll(WORD)) {
    push(label.slice(position, found.index), false);
    const word = found[0];
    push(word, typed.some((t) => wordsMatch(word.toLowerCase(), t)));
    position = found.index + word.length;
  }
  push(label.slice(position), false);
  return segments;
}
