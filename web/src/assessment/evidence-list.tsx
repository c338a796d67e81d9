import type { EvidenceView } from './assessment-api.js';

const kindLabels: Record<EvidenceView['kind'], string> = { file: 'File', link: 'Link', narrative: 'Narrative', attestation: 'Supervisor attestation' };

interface EvidenceListProps {
  items: EvidenceView[];
  /** Controls shown beside each item (the learner's public switch and remove button); none for assessors. */
  actions?: (item: EvidenceView) => React.ReactNode;
}

/** The evidence of a submission, as its learner and its assessors see it: what each piece is and how to open it. */
export function EvidenceList({ items, actions }: EvidenceListProps) {
  if (items.length === 0) return <p className="hint">No evidence yet.</p>;
  return (
    <ul className="evidence-list" aria-label="Evidence">
      {items.map((item) => (
        <li key={item.id} className="evidence-item">
          <p>
            <strong>{item.name}</strong> <span className="table-subtext">({kindLabels[item.kind]}{item.isPublic ? ', public' : ''})</span>
          </p>
          {item.file && (
            <p>
              {/* Served with a sandboxing policy and, for anything but inert types, as a download. */}
              <a href={item.file.downloadUrl} target="_blank" rel="noopener noreferrer">
                Open {item.file.fileName}
              </a>{' '}
              <span className="table-subtext">
                {item.file.mediaType}, {Math.max(1, Math.round(item.file.size / 1024))} KB
              </span>
            </p>
          )}
          {item.url && (
            <p>
              <a href={item.url} target="_blank" rel="noopener noreferrer nofollow">
                {item.url}
              </a>
            </p>
          )}
          {item.narrative && <p className="evidence-narrative">{item.narrative}</p>}
          {item.attestation && (
            <blockquote>
              <p>{item.attestation.statement}</p>
              <footer>
                {item.attestation.name}, {item.attestation.role} ({item.attestation.email})
              </footer>
            </blockquote>
          )}
          <p className="table-subtext">SHA-256 {item.sha256.slice(0, 16)}…</p>
          {actions && <div className="evidence-actions">{actions(item)}</div>}
        </li>
      ))}
    </ul>
  );
}
