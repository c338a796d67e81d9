import { useState } from 'react';
import { Link } from 'react-router-dom';
import { describeError } from '../api/client.js';
import { useApiData } from '../api/use-api-data.js';
import { SharePanel } from '../sharing/share-panel.js';
import { SharesList } from '../sharing/shares-list.js';
import { listMyShares } from '../sharing/sharing-api.js';
import { Alert } from '../ui/alert.js';
import { EmptyState } from '../ui/empty-state.js';
import { formatDate } from '../ui/format.js';
import { Loaded } from '../ui/loading.js';
import { Page } from '../ui/page.js';
import { BadgeImage } from './badge-image.js';
import { CredentialStanding } from './credential-standing.js';
import { HolderMatchNote } from './holder-match-note.js';
import { TranscriptPanel } from './exports/transcript-panel.js';
import { ImportPanel } from './import-panel.js';
import { listMyCredentials, setCredentialHidden, type CredentialCardView } from './wallet-api.js';
import './wallet.css';

export function WalletPage() {
  const { state, reload } = useApiData(async () => ({ cards: await listMyCredentials(), shares: await listMyShares() }), 'wallet');
  const [selected, setSelected] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);

  const toggle = (id: string) => setSelected((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id]));
  const setHidden = async (card: CredentialCardView, hidden: boolean) => {
    setError(null);
    try {
      await setCredentialHidden(card.id, hidden);
      if (hidden) setSelected((current) => current.filter((x) => x !== card.id));
      await reload();
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  return (
    <Page title="My credentials" lead="Every credential you hold: issued to you here or added from elsewhere, with whether it still stands. Share them with a link you control.">
      <Loaded state={state} what="credentials">
        {({ cards, shares }) => {
          const shown = cards.filter((c) => !c.hidden);
          const hidden = cards.filter((c) => c.hidden);
          return (
            <>
              {error && <Alert tone="error">{error}</Alert>}
              {cards.length === 0 ? (
                <EmptyState title="You do not hold any credentials yet" action={<Link to="/catalogue">Browse the catalogue</Link>}>
                  <p>Credentials issued to you will appear here, with their skills, evidence and status. You can also add one from elsewhere below.</p>
                </EmptyState>
              ) : (
                <CardList label="Credentials" cards={shown} selected={selected} onToggle={toggle} onHide={(card) => setHidden(card, true)} />
              )}
              <SharePanel selected={shown.filter((c) => selected.includes(c.id))} onShared={async () => { setSelected([]); await reload(); }} />
              <TranscriptPanel selected={shown.filter((c) => selected.includes(c.id))} />
              <section className="section-gap" aria-labelledby="shares-heading">
                <h2 id="shares-heading">My share links</h2>
                <SharesList shares={shares} cards={cards} onChanged={reload} />
              </section>
              <ImportPanel onImported={reload} />
              {hidden.length > 0 && (
                <section className="section-gap" aria-labelledby="hidden-heading">
                  <h2 id="hidden-heading">Hidden</h2>
                  <p className="hint">Hidden credentials stay yours but are left out of sharing.</p>
                  <CardList label="Hidden credentials" cards={hidden} onShow={(card) => setHidden(card, false)} />
                </section>
              )}
            </>
          );
        }}
      </Loaded>
    </Page>
  );
}

interface CardListProps {
  label: string;
  cards: CredentialCardView[];
  selected?: string[];
  onToggle?(id: string): void;
  onHide?(card: CredentialCardView): Promise<void>;
  onShow?(card: CredentialCardView): Promise<void>;
}

function CardList({ label, cards, selected, onToggle, onHide, onShow }: CardListProps) {
  return (
    <ul className="credential-cards" aria-label={label}>
      {cards.map((card) => (
        <li key={card.id}>
          <article className={`credential-card credential-card-${card.status}`} aria-labelledby={`credential-${card.id}`} data-credential-id={card.id}>
            <BadgeImage src={card.image} />
            <h2 id={`credential-${card.id}`} className="credential-title">
              <Link to={`/wallet/${encodeURIComponent(card.id)}`}>{card.title}</Link>
            </h2>
            <p className="credential-issuer">
              {card.issuer.name ?? card.issuer.id ?? 'Unknown issuer'} · issued {formatDate(card.issuedAt)}
              {card.origin === 'imported' && <span className="tag credential-origin">Added from elsewhere</span>}
            </p>
            <CredentialStanding card={card} />
            {card.verification && <p className="hint">{card.verification.verified ? 'Signature verified when added' : 'Added with failed checks'}</p>}
            <HolderMatchNote match={card.holderMatch} />
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
            <div className="credential-actions">
              {onToggle && selected && (
                <label className="checkbox">
                  <input type="checkbox" checked={selected.includes(card.id)} onChange={() => onToggle(card.id)} /> Select
                  <span className="visually-hidden"> {card.title}</span>
                </label>
              )}
              {onHide && (
                <button type="button" className="button button-small" onClick={() => void onHide(card)}>
                  Hide<span className="visually-hidden"> {card.title}</span>
                </button>
              )}
              {onShow && (
                <button type="button" className="button button-small" onClick={() => void onShow(card)}>
                  Show<span className="visually-hidden"> {card.title}</span>
                </button>
              )}
            </div>
          </article>
        </li>
      ))}
    </ul>
  );
}
