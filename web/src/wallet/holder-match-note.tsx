import type { HolderMatch } from './wallet-api.js';

/**
 * What a credential's naming of its holder means (src/wallet/holder-match.ts), in the words of the person
 * who holds it and of the visitor they share it with. A signed, valid credential may still be someone else's.
 */
const holderMatchForHolder: Record<HolderMatch, string | null> = {
  issued_here: null,
  email: 'Names you by your email address.',
  did: 'Names you by your holder DID.',
  none: 'Does not name you: its subject is neither your email address nor your holder DID. Anyone you share it with is told so.',
};

const holderMatchForVisitor: Record<HolderMatch, string> = {
  issued_here: 'Issued on this Tessera to the person who shared it.',
  // Both are proved before they count: the address by a mailed link, the DID by a signed challenge.
  email: 'Names the email address of the person who shared it (they confirmed it is theirs).',
  did: 'Names the holder DID of the person who shared it (they proved they control it).',
  none: 'Does not name the person who shared it: it may belong to someone else.',
};

/** One line on whether the credential names its holder; a warning when it does not. */
export function HolderMatchNote({ match, reader = 'holder' }: { match: HolderMatch; reader?: 'holder' | 'visitor' }) {
  const text = reader === 'holder' ? holderMatchForHolder[match] : holderMatchForVisitor[match];
  if (!text) return null;
  return <p className={match === 'none' ? 'holder-match holder-match-none' : 'holder-match hint'}>{text}</p>;
}
