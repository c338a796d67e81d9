import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/tables.js';

/**
 * The append-only event record. Every state change that matters is written here in the same
 * transaction as the change itself, so the figures built on it count exactly what happened. Each event
 * carries the hash of the one before it: editing or deleting any row breaks the chain, which
 * `tessera doctor` detects (`verifyEventChain`).
 */
export interface NewEvent {
  type: string;
  actorId?: string | null;
  organisationId?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  /** Small and free of secrets: it is kept for good and shown in audit views. */
  payload?: Record<string, unknown>;
  occurredAt?: Date;
}

export const GENESIS_HASH = '0'.repeat(64);

// One constant advisory-lock key: appends are serialised so that each event links to its true predecessor.
const CHAIN_LOCK_KEY = 7_305_413_771;

type Executor = Kysely<Database> | Transaction<Database>;

/** Appends an event; call it with the transaction of the change it describes. */
export async function recordEvent(trx: Transaction<Database>, event: NewEvent): Promise<void> {
  await recordEvents(trx, [event]);
}

/**
 * The id below which every event is committed. Appenders hold the chain lock until they commit, so once
 * this (short) transaction holds it, no append is in flight: a reader folding events up to the id it
 * returns never skips one whose id was assigned earlier but committed later.
 */
export async function committedEventHorizon(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`.execute(trx);
    const row = await trx.selectFrom('events').select((eb) => eb.fn.max('id').as('last')).executeTakeFirst();
    return Number(row?.last ?? 0);
  });
}

/** Rows per insert statement: well under PostgreSQL's 65,535 bind parameters at 9 columns a row. */
const EVENTS_PER_INSERT = 1_000;

/**
 * Appends events in order, chained one to the next, with one lock, one read of the chain's head and one
 * insert per thousand: a bulk job records a credential.issued per credential without a round trip each.
 */
export async function recordEvents(trx: Transaction<Database>, events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await sql`select pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`.execute(trx);
  const last = await trx.selectFrom('events').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  let previousHash = last?.hash ?? GENESIS_HASH;
  const rows = events.map((event) => {
    const row = {
      occurred_at: (event.occurredAt ?? new Date()).toISOString(),
      type: event.type,
      actor_id: event.actorId ?? null,
      organisation_id: event.organisationId ?? null,
      subject_type: event.subjectType ?? null,
      subject_id: event.subjectId ?? null,
      payload: event.payload ?? {},
    };
    const hash = eventHash(previousHash, row);
    const stored = { ...row, payload: JSON.stringify(row.payload), previous_hash: previousHash, hash };
    previousHash = hash;
    return stored;
  });
  // Ids are assigned in insertion order within a statement, so the chain's order is the ids' order.
  for (let start = 0; start < rows.length; start += EVENTS_PER_INSERT) {
    await trx.insertInto('events').values(rows.slice(start, start + EVENTS_PER_INSERT)).execute();
  }
}

interface HashedFields {
  occurred_at: string;
  type: string;
  actor_id: string | null;
  organisation_id: string | null;
  subject_type: string | null;
  subject_id: string | null;
  payload: Record<string, unknown>;
}

/** SHA-256 over the previous hash and a canonical (sorted-key) JSON of the event's fields. */
export function eventHash(previousHash: string, fields: HashedFields): string {
  return createHash('sha256').update(previousHash).update('\n').update(canonicalJson(fields)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export type ChainReport = { intact: true; events: number } | { intact: false; events: number; brokenAt: number; reason: string };

/** What the broken event says it is, so the operator can find it in an audit without reading the table. */
const describe = (event: { type: string; occurred_at: Date | string; subject_type: string | null; subject_id: string | null }): string =>
  `a ${event.type} event dated ${new Date(event.occurred_at).toISOString()}${event.subject_id ? ` about ${event.subject_type ?? 'subject'} ${event.subject_id}` : ''}`;

/** Walks the whole chain in id order, in pages, and reports the first event whose link or hash is wrong. */
export async function verifyEventChain(db: Executor, pageSize = 5_000): Promise<ChainReport> {
  let previousHash = GENESIS_HASH;
  let lastId = 0;
  let count = 0;
  for (;;) {
    const page = await db.selectFrom('events').selectAll().where('id', '>', lastId).orderBy('id').limit(pageSize).execute();
    for (const event of page) {
      count += 1;
      if (event.previous_hash !== previousHash) {
        return { intact: false, events: count, brokenAt: event.id, reason: `its link to the previous event does not match (an event before it was removed or changed; it now reads as ${describe(event)})` };
      }
      const fields: HashedFields = {
        occurred_at: new Date(event.occurred_at).toISOString(),
        type: event.type,
        actor_id: event.actor_id,
        organisation_id: event.organisation_id,
        subject_type: event.subject_type,
        subject_id: event.subject_id,
        payload: event.payload,
      };
      if (eventHash(previousHash, fields) !== event.hash) {
        return { intact: false, events: count, brokenAt: event.id, reason: `its content does not match its hash (the event was edited; it now reads as ${describe(event)})` };
      }
      previousHash = event.hash;
      lastId = event.id;
    }
    if (page.length < pageSize) return { intact: true, events: count };
  }
}
