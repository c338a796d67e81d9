/**
 * Price bands for the catalogue's price filter and facet. Bands compare amounts only, whatever the
 * currency: an installation's catalogue is almost always in one currency, and converting would need rates.
 */
export const PRICE_BANDS = ['free', 'under-100', '100-499', '500-999', '1000-plus'] as const;
export type PriceBand = (typeof PRICE_BANDS)[number];

export const PRICE_BAND_LABELS: Record<PriceBand, string> = {
  free: 'Free',
  'under-100': 'Under 100',
  '100-499': '100 to 499',
  '500-999': '500 to 999',
  '1000-plus': '1,000 or more',
};

export function priceBandOf(amount: number): PriceBand {
  if (amount === 0) return 'free';
  if (amount < 100) return 'under-100';
  if (amount < 500) return '100-499';
  if (amount < 1000) return '500-999';
  return '1000-plus';
}
