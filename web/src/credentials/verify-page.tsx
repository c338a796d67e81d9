import { useEffect, useState, type DragEvent, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { describeError } from '../api/client.js';
import { Alert } from '../ui/alert.js';
import { Page } from '../ui/page.js';
import { BatchTable } from '../verify/batch-table.js';
import { readDroppedFiles, type DroppedFiles } from '../verify/dropped-files.js';
import { VerificationResult } from '../verify/verification-result.js';
import { pastedCredential, verifyItems, type BatchRowView, type VerifyItem } from '../verify/verify-api.js';

type State = { status: 'idle' } | { status: 'working'; what: string } | { status: 'done'; rows: BatchRowView[]; preview: string | null; messages: string[] } | { status: 'failed'; message: string };

export function VerifyPage() {
  const [params] = useSearchParams();
  const [state, setState] = useState<State>({ status: 'idle' });
  const [pasted, setPasted] = useState('');
  const [url, setUrl] = useState(params.get('url') ?? '');
  const [dragging, setDragging] = useState(false);

  const run = async (what: string, work: () => Promise<{ rows: BatchRowView[]; preview?: string | null; messages?: string[] }>) => {
    setState({ status: 'working', what });
    try {
      const { rows, preview = null, messages = [] } = await work();
      setState({ status: 'done', rows, preview, messages });
    } catch (error) {
      setState({ status: 'failed', message: describeError(error) });
    }
  };

  const verify = (what: string, items: VerifyItem[]) => run(what, async () => ({ rows: await verifyItems(items) }));

  const onFiles = (list: FileList | null) => {
    if (!list || list.length === 0) return;
    const files = [...list];
    void run(files.length === 1 ? files[0]!.name : `${files.length} files`, async (): Promise<DroppedFiles> => readDroppedFiles(files));
  };

  // A link from a PDF transcript's QR code or a share page: /verify?url=<the credential's URL>.
  const linked = params.get('url');
  useEffect(() => {
    if (linked) void verify(linked, [{ url: linked }]);
  }, [linked]);

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    onFiles(event.dataTransfer.files);
  };

  const onPaste = (event: FormEvent) => {
    event.preventDefault();
    if (pasted.trim()) void verify('the pasted credential', [{ credential: pastedCredential(pasted), source: 'pasted' }]);
  };

  const onUrl = (event: FormEvent) => {
    event.preventDefault();
    if (url.trim()) void verify(url.trim(), [{ url: url.trim() }]);
  };

  return (
    <Page
      title="Verify a credential"
      lead="Check that an Open Badges 3.0 or CLR 2.0 credential is genuine, unaltered and still valid. No account needed."
    >
      <div
        className={dragging ? 'drop-zone drop-zone-active' : 'drop-zone'}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="drop-zone"
      >
        <p>Drop credential files here: JSON, a baked badge image (PNG or SVG), or a PDF transcript with its QR code. Several at once give a table.</p>
        <label className="field">
          <span>Choose files</span>
          <input type="file" multiple accept=".json,.jwt,.txt,.png,.svg,.pdf,application/json,image/png,image/svg+xml,application/pdf" onChange={(event) => onFiles(event.target.files)} />
        </label>
      </div>

      <div className="verify-tabs section-gap">
        <form className="form" onSubmit={onPaste} aria-label="Paste a credential">
          <label className="field">
            <span>Paste a credential (JSON or VC-JWT)</span>
            <textarea rows={6} value={pasted} onChange={(event) => setPasted(event.target.value)} spellCheck={false} />
          </label>
          <button type="submit" className="button button-primary">
            Verify pasted credential
          </button>
        </form>
        <form className="form" onSubmit={onUrl} aria-label="Verify from a URL">
          <label className="field">
            <span>Or the URL it is published at</span>
            <input type="url" value={url} onChange={(event) => setUrl(event.target.value)} placeholder="https://…" />
          </label>
          <button type="submit" className="button">
            Verify URL
          </button>
        </form>
      </div>

      <div aria-live="polite">
        {state.status === 'working' && <p role="status">Verifying {state.what}…</p>}
        {state.status === 'failed' && (
          <Alert tone="error" title="Could not verify">
            <p>{state.message}</p>
          </Alert>
        )}
        {state.status === 'done' && <Results rows={state.rows} preview={state.preview} messages={state.messages} />}
      </div>
    </Page>
  );
}

function Results({ rows, preview, messages }: { rows: BatchRowView[]; preview: string | null; messages: string[] }) {
  return (
    <>
      {messages.map((message) => (
        <Alert key={message} tone="error" title="Could not read a file">
          <p>{message}</p>
        </Alert>
      ))}
      {/* Badge images are shown only as <img> from a data: URL, where no script in them can run. */}
      {preview && <img className="verify-preview" src={preview} alt="The badge image you dropped" />}
      {rows.length === 1 ? <VerificationResult row={rows[0]!} /> : rows.length > 1 ? <BatchTable rows={rows} /> : null}
    </>
  );
}
