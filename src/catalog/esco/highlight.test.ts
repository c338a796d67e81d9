import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlight } from './highlight.js';

const marked = (label: string, query: string) => highlight(label, query).filter((segment) => segment.match).map((segment) => segment.text);

describe('highlight', () => {
  it('marks the words the query matches, typos and prefixes included, as one phrase when adjacent', () => {
    expect(marked('use spreadsheets software', 'spredsheet softwre')).toEqual(['spreadsheets software']);
    expect(marked('Microsoft Office Excel', 'excel')).toEqual(['Excel']);
    expect(marked('nurse responsible for general care', 'nurse care')).toEqual(['nurse', 'care']);
    expect(marked('communicate by telephone', 'comm')).toEqual(['communicate']);
    expect(marked('use databases', 'spreadsheet')).toEqual([]);
  });

  it('keeps the label intact: the segments put back together are the label, alternating marks', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 40 }), (label, query) => {
        const segments = highlight(label, query);
        expect(segments.map((segment) => segment.text).join('')).toBe(label);
        segments.forEach((segment, index) => {
          expect(segment.text).not.toBe('');
          if (index > 0) expect(segment.match).not.toBe(segments[index - 1]!.match);
        });
      }),
    );
  });
});
