/**
 * A badge picture, only ever through `<img>`: browsers run no script and load nothing for an SVG shown
 * this way, whatever it contains (the server also refuses SVGs with active content at import).
 */
export function BadgeImage({ src, alt = '' }: { src: string | null; alt?: string }) {
  if (!src || !/^(https?:|data:image\/(png|svg\+xml|jpeg|gif|webp)[;,])/i.test(src)) return null;
  return <img className="badge-image" src={src} alt={alt} width={64} height={64} referrerPolicy="no-referrer" />;
}
