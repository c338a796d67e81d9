import { describe, expect, it } from 'vitest';
import { listValues, pageOf, searchPathFor, toggled, withParams } from '../../web/src/catalog/catalogue-search.js';

// The catalogue keeps its whole search in the URL: these pin that one search always has one URL, and that
// the page's URL becomes the API query it stands for.
describe('catalogue URL state', () => {
  it('writes keys in one order whatever order they were set in, so shared links are stable', () => {
    const a = withParams(withParams(new URLSearchParams(), { mode: 'online' }), { q: 'excel' });
    const b = withParams(withParams(new URLSearchParams(), { q: 'excel' }), { mode: 'online' });
    expect(a.toString()).toBe('q=excel&mode=online');
    expect(b.toString()).toBe(a.toString());
  });

  it('goes back to the first page when filters change, but not when the page does', () => {
    const onPage3 = new URLSearchParams('q=excel&page=3');
    expect(withParams(onPage3, { mode: 'online' }).toString()).toBe('q=excel&mode=online');
    expect(withParams(onPage3, { page: '4' }, true).toString()).toBe('q=excel&page=4');
    expect(withParams(onPage3, { become: 'nurse' }, true).toString()).toBe('q=excel&page=3&become=nurse');
  });

  it('ticks and unticks values of a list filter, dropping the key when none is left', () => {
    const one = toggled(new URLSearchParams(), 'mode', 'online', true);
    const two = toggled(one, 'mode', 'blended', true);
    expect(listValues(two, 'mode')).toEqual(['online', 'blended']);
    expect(toggled(toggled(two, 'mode', 'online', false), 'mode', 'blended', false).toString()).toBe('');
  });

  it('turns the page URL into the API query: the same filters, the page as an offset, nothing else', () => {
    const params = new URLSearchParams('q=Microsft Exel&level=4&page=2&become=data analyst&utm_source=mail');
    expect(pageOf(params)).toBe(2);
    expect(searchPathFor(params)).toBe('/api/v1/catalogue/search?q=Microsft+Exel&level=4&limit=10&offset=10');
    expect(pageOf(new URLSearchParams('page=-3'))).toBe(1);
    expect(pageOf(new URLSearchParams('page=abc'))).toBe(1);
  });
});
