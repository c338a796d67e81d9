/** An organisation admin's choice of the equity fields it collects (off until chosen). */
import { useState } from 'react';
import { describeError } from '../api/client.js';
import { useApiData } from '../api/use-api-data.js';
import { Alert } from '../ui/alert.js';
import { Loaded } from '../ui/loading.js';
import { equityApi, type EquitySettings } from './equity-api.js';

export function EquitySettingsSection({ slug, onSaved }: { slug: string; onSaved?: () => void }) {
  const { state, reload } = useApiData(() => equityApi.settings(slug), slug);
  // Kept here: the form starts afresh from the saved settings, and the message must outlive it.
  const [message, setMessage] = useState<Message | null>(null);
  return (
    <section className="panel dashboard-section" aria-labelledby="equity-settings-heading">
      <h2 id="equity-settings-heading">Equity fields you collect</h2>
      <Loaded state={state} what="equity settings">
        {(settings) => (
          <SettingsForm key={settings.fields.map((f) => `${f.key}${f.collected}`).join()} settings={settings} slug={slug} onMessage={setMessage} onSaved={async () => { await reload(); onSaved?.(); }} />
        )}
      </Loaded>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
    </section>
  );
}

interface Message {
  tone: 'success' | 'error';
  text: string;
}

function SettingsForm({ settings, slug, onSaved, onMessage: setMessage }: { settings: EquitySettings; slug: string; onSaved: () => Promise<void>; onMessage: (message: Message | null) => void }) {
  const [chosen, setChosen] = useState(() => new Set(settings.fields.filter((f) => f.collected).map((f) => f.key)));
  const [busy, setBusy] = useState(false);
  const dropped = settings.fields.filter((f) => f.collected && !chosen.has(f.key));

  async function save() {
    setBusy(true);
    setMessage(null);
    try {
      await equityApi.saveSettings(slug, [...chosen]);
      setMessage({ tone: 'success', text: 'Saved. Learners see the questions you collect on their Account page.' });
      await onSaved();
    } catch (error) {
      setMessage({ tone: 'error', text: describeError(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" aria-label="Equity fields you collect" onSubmit={(event) => { event.preventDefault(); void save(); }}>
      <p className="hint">
        Learners may answer these questions about themselves, or not; every question offers “Prefer not to say” and is never needed to enrol. You see
        only counts of {settings.k} or more people: smaller figures, and any figure that would let one be worked out, are suppressed, here and in the
        public open data. Turning a field off deletes every answer given to it.
      </p>
      <fieldset className="field">
        <legend>Fields</legend>
        {settings.fields.map((field) => (
          <div className="checkbox" key={field.key}>
            <input
              type="checkbox"
              id={`equity-field-${field.key}`}
              checked={chosen.has(field.key)}
              onChange={(event) => {
                const next = new Set(chosen);
                if (event.target.checked) next.add(field.key);
                else next.delete(field.key);
                setChosen(next);
              }}
            />
            <label htmlFor={`equity-field-${field.key}`}>
              {field.label}
              <span className="checkbox-description">
                “{field.question}” {field.options.map((o) => o.label).join(' · ')}
              </span>
            </label>
          </div>
        ))}
      </fieldset>
      {dropped.length > 0 && (
        <Alert tone="info">Saving deletes the answers learners gave to {dropped.map((f) => f.label).join(', ')}.</Alert>
      )}
      <div className="page-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          Save equity fields
        </button>
      </div>
    </form>
  );
}
