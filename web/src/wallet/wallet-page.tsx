import { Link } from 'react-router-dom';
import { useApiData } from '../api/use-api-data.js';
import { EmptyState } from '../ui/empty-state.js';
import { formatDate } from '../ui/format.js';
import { Loaded } from '../ui/loading.js';
import { Page } from '../ui/page.js';
import { CredentialStanding } from './credential-standing.js';
import { listMyCredentials, type CredentialCardView } from './wallet-api.js';
import './wallet.css';

export function WalletPage() {
  const { state } = useApiData(listMyCredentials, 'wallet');
  return (
    <Page title="My credentials" lead="Every credential issued to you here, with whether it still stands.">
      <Loaded state={state} what="credentials">
        {(cards) =>
          cards.length === 0 ? (
            <EmptyState title="You do not hold any credentials yet" action={<Link to="/catalogue">Browse the catalogue</Link>}>
              <p>Credentials issued to you will appear here, with their skills, evidence and status.</p>
            </EmptyState>
          ) : (
            <ul className="credential-cards" aria-label="Credentials">
              {cards.map((card) => (
                <li key={card.id}>
                  <CredentialCard card={card} />
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </Page>
  );
}

function CredentialCard({ card }: { card: CredentialCardView }) {
  return (
    <article className={`credential-card credential-card-${card.status}`} aria-labelledby={`credential-${card.id}`}>
      <h2 id={`credential-${card.id}`} className="credential-title">
        <Link to={`/wallet/${encodeURIComponent(card.id)}`}>{card.title}</Link>
      </h2>
      <p className="credential-issuer">
        {card.issuer.name ?? card.issuer.id ?? 'Unknown issuer'} · issued {formatDate(card.issuedAt)}
      </p>
      <CredentialStanding card={card} />
      {card.skills.length > 0 && (
        <ul className="tag-list" aria-label="ESCO skills">
          {card.skills.map((skill) => (
            <li key={skill.url ?? skill.name} className="tag">
              {skill.name}
            </li>
          ))}
        </ul>
      )}
      {card.evidence.length > 0 && <p className="hint">{card.evidence.length === 1 ? '1 piece of evidence' : `${card.evidence.length} pieces of evidence`}</p>}
    </article>
  );
}
