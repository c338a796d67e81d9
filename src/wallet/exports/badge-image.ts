import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { pngChunk } from '../../credentials/baking/png-baking.js';

/**
 * The plain badge images Tessera bakes credentials into when an achievement has no image of its own: a
 * medallion whose colour is derived from the achievement's name (the same badge always looks the same),
 * as a PNG and as an SVG. Baking itself is src/credentials/baking (OB 3.0 §5.3).
 */

const SIZE = 256;

const hueOf = (title: string): number => createHash('sha256').update(title, 'utf8').digest()[0]! * (360 / 256);

/** HSL (s, l in 0..1) to 8-bit RGB. */
const rgb = (h: number, s: number, l: number): [number, number, number] => {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => Math.round(255 * (l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)))));
  return [f(0), f(8), f(4)];
};

/** A 256×256 RGBA PNG medallion: outer ring, inner disc, a lighter star-like centre. */
export function badgePng(title: string): Uint8Array {
  const hue = hueOf(title);
  const ring = rgb(hue, 0.55, 0.35);
  const disc = rgb(hue, 0.6, 0.5);
  const centre = rgb(hue, 0.7, 0.82);
  const rows: Buffer[] = [];
  const c = (SIZE - 1) / 2;
  for (let y = 0; y < SIZE; y += 1) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0 (None), then RGBA pixels
    for (let x = 0; x < SIZE; x += 1) {
      const r = Math.hypot(x - c, y - c);
      const angle = Math.atan2(y - c, x - c);
      const star = 40 + 14 * Math.cos(5 * angle);
      const colour = r <= star ? centre : r <= 104 ? disc : r <= 126 ? ring : null;
      if (colour) row.set([...colour, 255], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, adaptive filtering, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(Buffer.concat(rows))), pngChunk('IEND', Buffer.alloc(0))]);
}

const escapeXml = (text: string): string => text.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!);

/** The same medallion as SVG, with the achievement's name (escaped: it is issuer-written text) beneath. */
export function badgeSvg(title: string, issuer: string): string {
  const hue = Math.round(hueOf(title));
  const short = title.length > 34 ? `${title.slice(0, 33)}…` : title;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 300" width="256" height="300" role="img" aria-label="${escapeXml(title)}">
<title>${escapeXml(title)}</title>
<circle cx="128" cy="128" r="126" fill="hsl(${hue} 55% 35%)"/>
<circle cx="128" cy="128" r="104" fill="hsl(${hue} 60% 50%)"/>
<circle cx="128" cy="128" r="44" fill="hsl(${hue} 70% 82%)"/>
<text x="128" y="276" text-anchor="middle" font-family="sans-serif" font-size="15" fill="#1b1b1b">${escapeXml(short)}</text>
<text x="128" y="296" text-anchor="middle" font-family="sans-serif" font-size="11" fill="#555">${escapeXml(issuer)}</text>
</svg>`;
}
