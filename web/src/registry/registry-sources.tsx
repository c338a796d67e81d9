import { useState, type FormEvent } from 'react';
import { describeError } from '../api/client.js';
import { useApiData } from '../api/use-api-data.js';
import { Alert } from '../ui/alert.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { formatDate } from '../ui/format.js';
import { Loaded } from '../ui/loading.js';
import { registryApi } from './registry-api.js';

/** Other Tessera instances' registries this one trusts: add by URL, refresh, remove; each with its last harvest. */
export function RegistrySources() {
  const { state, reload } = useApiData(registryApi.sources, 'registry-sources');
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await reload();
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      await registryApi.addSource(url.trim());
      setUrl('');
    });
  };

  return (
    <section className="section-gap" aria-labelledby="registry-sources">
      <h2 id="registry-sources">Registries of other Tessera instances</h2>
      <p className="hint">Issuers listed by a registry you add here count as trusted too. Each list is fetched, and its signature verified, when added and whenever you refresh it.</p>
      {error && (
        <Alert tone="error" title="That did not work">
          <p>{error}</p>
        </Alert>
      )}
      <Loaded state={state} what="registries">
        {(sources) =>
          sources.length === 0 ? (
            <p>No other registries are trusted.</p>
          ) : (
            <ul className="link-list">
              {sources.map((source) => (
                <li key={source.id}>
                  <strong>{source.url}</strong>
                  <p>
                    {source.fetchedAt ? `${source.issuers.length} issuers, verified ${formatDate(source.fetchedAt)}` : 'Never harvested successfully'}
                    {source.publisherDid && <span className="table-subtext"> signed by {source.publisherDid}</span>}
                  </p>
                  {source.lastError && <p role="alert">✗ Last attempt failed: {source.lastError}</p>}
                  <button type="button" className="button button-small" onClick={() => void act(() => registryApi.refreshSource(source.id))}>
                    Refresh
                  </button>{' '}
                  <ConfirmButton label="Remove" subject={source.url} onConfirm={() => act(() => registryApi.removeSource(source.id))} />
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      <form className="form" onSubmit={add} aria-label="Trust another registry">
        <label className="field">
          <span>Registry URL</span>
          <input type="url" required value={url} onChange={(event) => setUrl(event.target.value)} placeholder="https://other.example/registry/trusted-issuers" />
        </label>
        <button type="submit" className="button">
          Trust this registry
        </button>
      </form>
    </section>
  );
}
