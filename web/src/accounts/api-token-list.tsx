import { ConfirmButton } from '../ui/confirm-button.js';
import { formatDate } from '../ui/format.js';
import { apiTokenStatus, type ApiTokenStatus, type ApiTokenView } from './api-tokens.js';

const statusLabels: Record<ApiTokenStatus, string> = { active: 'Active', expired: 'Expired', revoked: 'Revoked' };

interface ApiTokenListProps {
  tokens: ApiTokenView[];
  onRevoke(token: ApiTokenView): Promise<void>;
}

export function ApiTokenList({ tokens, onRevoke }: ApiTokenListProps) {
  const now = new Date();
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Your API tokens</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Scopes</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <ApiTokenRow key={token.id} token={token} status={apiTokenStatus(token, now)} onRevoke={onRevoke} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface ApiTokenRowProps {
  token: ApiTokenView;
  status: ApiTokenStatus;
  onRevoke(token: ApiTokenView): Promise<void>;
}

// Revoking cannot be undone and breaks whatever uses the token, hence the confirming button.
function ApiTokenRow({ token, status, onRevoke }: ApiTokenRowProps) {
  return (
    <tr data-token-id={token.id}>
      <th scope="row">
        {token.name}
        <span className="table-subtext">
          <code>{token.prefix}…</code>
        </span>
      </th>
      <td>
        <ul className="tag-list">
          {token.scopes.map((scope) => (
            <li key={scope} className="tag">
              {scope}
            </li>
          ))}
        </ul>
      </td>
      <td>{formatDate(token.createdAt)}</td>
      <td>{formatDate(token.lastUsedAt, 'Never')}</td>
      <td>{formatDate(token.expiresAt, 'Never')}</td>
      <td>
        <span className={`badge badge-${status}`}>{statusLabels[status]}</span>
      </td>
      <td className="table-actions">
        {status !== 'revoked' && <ConfirmButton label="Revoke" subject={token.name} onConfirm={() => onRevoke(token)} />}
      </td>
    </tr>
  );
}
