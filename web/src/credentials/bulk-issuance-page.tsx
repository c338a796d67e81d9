import { useEffect, useState, type FormEvent } from 'react';
import { api, describeError } from '../api/client.js';
import { useApiData } from '../api/use-api-data.js';
import { useOrganisation } from '../app/guards.js';
import { Alert } from '../ui/alert.js';
import { EmptyState } from '../ui/empty-state.js';
import { formatDate } from '../ui/format.js';
import { Loaded } from '../ui/loading.js';
import { Page } from '../ui/page.js';

/** A bulk job as the API shows it (GET …/bulk-jobs/{jobId}). */
interface BulkJob {
  id: string;
  achievementId: string;
  sourceName: string;
  status: 'queued' | 'running' | 'completed' | 'cancelled';
  totalRows: number;
  issuedRows: number;
  failedRows: number;
  createdAt: string;
  finishedAt: string | null;
}

interface AchievementItem {
  id: string;
  version: { status: 'draft' | 'published' | 'retired'; definition: { title: string } };
}

const POLL_MS = 1000;
const statusLabels: Record<BulkJob['status'], string> = { queued: 'Queued', running: 'Running', completed: 'Completed', cancelled: 'Cancelled' };

export function BulkIssuancePage() {
  const organisation = useOrganisation();
  const base = `/api/v1/organisations/${encodeURIComponent(organisation.slug)}`;
  const jobs = useApiData(() => api.get<{ jobs: BulkJob[] }>(`${base}/bulk-jobs`), organisation.slug);
  const achievements = useApiData(() => api.get<{ items: AchievementItem[] }>(`${base}/achievements`), organisation.slug);
  const [current, setCurrent] = useState<BulkJob | null>(null);

  // Polls the job just started until it is done; the list below then shows it with the others.
  useEffect(() => {
    if (!current || current.status === 'completed' || current.status === 'cancelled') return;
    const timer = setTimeout(() => {
      api.get<BulkJob>(`${base}/bulk-jobs/${current.id}`).then((next) => {
        setCurrent(next);
        if (next.status === 'completed') void jobs.reload();
      }, () => undefined);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [current, base]);

  return (
    <Page title="Bulk issuance" caption={organisation.name} lead="Issue a micro-credential to every learner in a CSV file. A job that stops part-way resumes where it left off without issuing anything twice.">
      <Loaded state={achievements.state} what="micro-credentials">
        {(data) => <UploadForm base={base} achievements={data.items.filter((a) => a.version.status === 'published')} onStarted={setCurrent} />}
      </Loaded>
      {current && <JobProgress job={current} base={base} />}
      <h2>Past jobs</h2>
      <Loaded state={jobs.state} what="bulk jobs">
        {(data) =>
          data.jobs.length === 0 ? (
            <EmptyState title="No bulk jobs yet">
              <p>Jobs you start appear here with their figures and a file of the rows that could not be issued.</p>
            </EmptyState>
          ) : (
            <JobList jobs={data.jobs} base={base} />
          )
        }
      </Loaded>
    </Page>
  );
}

function UploadForm({ base, achievements, onStarted }: { base: string; achievements: AchievementItem[]; onStarted: (job: BulkJob) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return setError('Choose a CSV file.');
    setSubmitting(true);
    setError(null);
    try {
      const query = new URLSearchParams({ achievementId: String(form.get('achievementId')), name: file.name || 'upload.csv' });
      onStarted(await api.postFile<BulkJob>(`${base}/bulk-jobs?${query}`, file, 'text/csv'));
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setSubmitting(false);
    }
  }

  if (achievements.length === 0) {
    return (
      <EmptyState title="Nothing to issue yet">
        <p>Publish a micro-credential first; bulk jobs issue published ones.</p>
      </EmptyState>
    );
  }
  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby="bulk-upload-heading">
      <h2 id="bulk-upload-heading">Start a job</h2>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="field">
        <label htmlFor="bulk-achievement">Micro-credential</label>
        <select id="bulk-achievement" name="achievementId" required>
          {achievements.map((achievement) => (
            <option key={achievement.id} value={achievement.id}>
              {achievement.version.definition.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="bulk-file">CSV file</label>
        <p className="hint" id="bulk-file-hint">
          UTF-8 with a header row: <code>email</code>, and optionally <code>results</code> (outcome ids separated by <code>;</code>) and{' '}
          <code>evidence_url</code>.
        </p>
        <input id="bulk-file" name="file" type="file" accept=".csv,text/csv" required aria-describedby="bulk-file-hint" />
      </div>
      <button className="button button-primary" type="submit" disabled={submitting}>
        {submitting ? 'Uploading…' : 'Upload and issue'}
      </button>
    </form>
  );
}

const errorsUrl = (base: string, job: BulkJob) => `${base}/bulk-jobs/${job.id}/errors.csv`;

function JobProgress({ job, base }: { job: BulkJob; base: string }) {
  const done = job.issuedRows + job.failedRows;
  return (
    <section aria-labelledby="bulk-progress-heading" className="form">
      <h2 id="bulk-progress-heading">{job.sourceName}</h2>
      <label htmlFor="bulk-progress">
        {statusLabels[job.status]}: {done} of {job.totalRows} rows
      </label>
      <progress id="bulk-progress" max={Math.max(job.totalRows, 1)} value={done} />
      <p role="status" data-testid="bulk-counts">
        {job.issuedRows} issued, {job.failedRows} could not be issued, {job.totalRows - done} to go.
      </p>
      {job.status === 'completed' && job.failedRows > 0 && (
        <p>
          <a href={errorsUrl(base, job)} download>
            Download the {job.failedRows} rows not issued (CSV, with reasons)
          </a>
        </p>
      )}
    </section>
  );
}

function JobList({ jobs, base }: { jobs: BulkJob[]; base: string }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Past bulk jobs</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Started</th>
            <th scope="col">Status</th>
            <th scope="col">Issued</th>
            <th scope="col">Not issued</th>
            <th scope="col">Rows</th>
            <th scope="col">
              <span className="visually-hidden">Errors file</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id}>
              <td>{job.sourceName}</td>
              <td>{formatDate(job.createdAt)}</td>
              <td>{statusLabels[job.status]}</td>
              <td>{job.issuedRows}</td>
              <td>{job.failedRows}</td>
              <td>{job.totalRows}</td>
              <td>{job.failedRows > 0 ? <a href={errorsUrl(base, job)} download>Errors</a> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
