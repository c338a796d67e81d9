import { formatDate } from '../ui/format.js';
import { standingBadge, standingLabels, type CredentialCardView } from './wallet-api.js';

/** The standing badge and, for a revoked or suspended credential, why and since when. */
export function CredentialStanding({ card }: { card: Pick<CredentialCardView, 'status' | 'statusReason' | 'statusChangedAt' | 'validUntil'> }) {
  return (
    <div className="credential-standing">
      <span className={standingBadge(card.status)}>{standingLabels[card.status]}</span>
      {(card.status === 'revoked' || card.status === 'suspended') && card.statusReason && (
        <p className="credential-reason">
          {standingLabels[card.status]} on {formatDate(card.statusChangedAt)}: <q>{card.statusReason}</q>
        </p>
      )}
      {card.status === 'expired' && <p className="credential-reason">Expired on {formatDate(card.validUntil)}.</p>}
    </div>
  );
}
