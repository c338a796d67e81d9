/** A learner's own self-declaration, per organisation that asks: optional, editable, withdrawable. */
import { useState } from 'react';
import { describeError } from '../api/client.js';
import { useApiData } from '../api/use-api-data.js';
import { Alert } from '../ui/alert.js';
import { Loaded } from '../ui/loading.js';
import { equityApi, type MyEquityOrganisation } from './equity-api.js';
import './equity.css';

export function MyEquitySection() {
  const { state, reload } = useApiData(() => equityApi.mine(), 'me');
  return (
    <section className="panel" aria-labelledby="equity-heading">
      <h2 id="equity-heading">About you (optional)</h2>
      <Loaded state={state} what="equity questions">
        {({ k, organisations }) =>
          organisations.length === 0 ? (
            <p className="hint">None of the organisations you learn with asks equity questions.</p>
          ) : (
            <>
              <p className="hint">
                Some organisations you learn with ask a few questions about you, to see whether their micro-credentials serve everyone fairly. Answering is
                up to you and never needed to enrol. Nobody there sees your answers: they appear only in counts of at least {k} people, on the organisation's
                dashboard and in the public open data. Your answers are kept apart from your profile; change or withdraw them at any time, and they are
                deleted with your account.
              </p>
              {organisations.map((entry) => (
                <DeclarationForm key={entry.organisation.slug} entry={entry} onChanged={reload} />
              ))}
            </>
          )
        }
      </Loaded>
    </section>
  );
}

function DeclarationForm({ entry, onChanged }: { entry: MyEquityOrganisation; onChanged: () => Promise<void> }) {
  const [answers, setAnswers] = useState<Record<string, string>>(() => Object.fromEntries(entry.fields.flatMap((f) => (f.answer ? [[f.key, f.answer]] : []))));
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const slug = entry.organisation.slug;
  const answered = entry.fields.some((f) => f.answer !== null);

  async function act(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setMessage(null);
    try {
      await action();
      await onChanged();
      setMessage({ tone: 'success', text: done });
    } catch (error) {
      setMessage({ tone: 'error', text: describeError(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" aria-label={`Your answers to ${entry.organisation.name}`} onSubmit={(event) => { event.preventDefault(); void act(() => equityApi.declare(slug, answers), 'Your answers are saved.'); }}>
      <h3>{entry.organisation.name}</h3>
      {entry.fields.map((field) => (
        <fieldset className="field equity-choices" key={field.key}>
          <legend>{field.question}</legend>
          <p className="hint">{field.purpose}</p>
          {field.options.map((option) => {
            const id = `equity-${slug}-${field.key}-${option.key}`;
            return (
              <div className="checkbox" key={option.key}>
                <input type="radio" name={`equity-${slug}-${field.key}`} id={id} checked={answers[field.key] === option.key} onChange={() => setAnswers({ ...answers, [field.key]: option.key })} />
                <label htmlFor={id}>{option.label}</label>
              </div>
            );
          })}
          {answers[field.key] && (
            <button type="button" className="button button-link" onClick={() => { const { [field.key]: _removed, ...rest } = answers; setAnswers(rest); }}>
              Leave “{field.label}” unanswered
            </button>
          )}
        </fieldset>
      ))}
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <div className="page-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          Save my answers<span className="visually-hidden"> to {entry.organisation.name}</span>
        </button>
        {answered && (
          <button type="button" className="button" disabled={busy} onClick={() => void act(async () => { await equityApi.withdraw(slug); setAnswers({}); }, 'Your answers are withdrawn and deleted.')}>
            Withdraw all my answers<span className="visually-hidden"> to {entry.organisation.name}</span>
          </button>
        )}
      </div>
    </form>
  );
}
