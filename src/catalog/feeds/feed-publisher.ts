import { createHash } from 'node:crypto';
import type { DocumentLoader } from '../../credentials/index.js';
import { issueCredential } from '../../credentials/index.js';
import type { IssuerIdentity } from '../../issuing/issuer-keys.service.js';
import { invalidInput } from '../../errors.js';
import { buildFeedItem } from './feed-item.js';
import type { FeedCatalogueRepository, FeedCursor, FeedEntryRow } from './feed-catalogue.repository.js';

export const FEED_PATH = '/feeds/catalogue';
export const FEED_PAGE_SIZE = 50;
export const FEED_TYPE = 'CatalogueFeedPage';

export interface FeedPage {
  /** The unsigned envelope; each item in it is a signed CatalogueEntryCredential. */
  body: () => Promise<Record<string, unknown>>;
  etag: string;
  lastModified: Date | null;
}

export interface FeedPublisherDeps {
  catalogue: FeedCatalogueRepository;
  identityForSlug: (slug: string) => Promise<Pick<IssuerIdentity, 'did' | 'signer'>>;
  documentLoader: DocumentLoader;
  publicUrl: string;
  /** Entries per page (default FEED_PAGE_SIZE). */
  pageSize?: number;
}

const encodeCursor = (row: FeedEntryRow): string => Buffer.from(`${row.changedKey}|${row.achievementId}`, 'utf8').toString('base64url');
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f-]{36})$/;

export const decodeCursor = (cursor: string): FeedCursor => {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw invalidInput('The cursor is not one this feed gave out; start again without it.');
  return { changedKey: match[1]!, achievementId: match[2]! };
};

/** What makes a page differ: computed before signing, so a conditional request that matches costs no signatures. */
const pageTag = (rows: FeedEntryRow[], context: string, hasNext: boolean): string => {
  const hash = createHash('sha256').update(`${context}|${hasNext}`);
  for (const row of rows) hash.update(`|${row.achievementId}:${row.version}:${row.status}:${row.changedKey}:${row.organisationChangedAt.getTime()}`);
  return `"${hash.digest('base64url').slice(0, 32)}"`;
};

/**
 * This instance's public catalogue feed: published achievements, newest change first, retired ones as
 * `withdrawn` tombstones so harvesters withdraw them too. Pages are keyset-paginated (`cursor`): an offset
 * would skip or repeat entries whenever something is published between two page requests.
 */
export function createFeedPublisher(deps: FeedPublisherDeps) {
  // Signing canonicalises the item (~100 ms); a signed item stays valid until its entry changes, and the
  // id of the item names that change, so repeated page requests reuse it.
  const signed = new Map<string, Record<string, unknown>>();
  const MAX_CACHED = 2_000;
  const pageSize = deps.pageSize ?? FEED_PAGE_SIZE;

  const signItem = async (row: FeedEntryRow): Promise<Record<string, unknown>> => {
    const identity = await deps.identityForSlug(row.organisation.slug);
    const unsigned = buildFeedItem({
      publicUrl: deps.publicUrl,
      organisation: row.organisation,
      issuerDid: identity.did,
      achievementSlug: row.achievementSlug,
      version: row.version,
      definition: row.definition,
      status: row.status === 'published' ? 'active' : 'withdrawn',
      // A renamed organisation restates its entries: harvesters keep the newest statement only.
      changedAt: new Date(Math.max(row.changedAt.getTime(), row.organisationChangedAt.getTime())),
    });
    const key = `${String(unsigned.id)} ${identity.signer.id}`;
    const cached = signed.get(key);
    if (cached) return cached;
    const credential = await issueCredential({ credential: unsigned, signer: identity.signer, documentLoader: deps.documentLoader, clock: () => new Date(String(unsigned.validFrom)) });
    if (signed.size >= MAX_CACHED) signed.delete(signed.keys().next().value!);
    signed.set(key, credential);
    return credential;
  };

  return {
    /**
     * One page: its validators at once, its signed body on demand, so a conditional request that matches
     * (`If-None-Match` / `If-Modified-Since`) costs one query and no signatures.
     */
    async page(cursor: string | undefined): Promise<FeedPage> {
      const rows = await deps.catalogue.page(cursor === undefined ? undefined : decodeCursor(cursor), pageSize);
      const hasNext = rows.length > pageSize;
      const pageRows = rows.slice(0, pageSize);
      const organisationsChangedAt = await deps.catalogue.organisationsChangedAt();
      const dates = [pageRows[0]?.changedAt, organisationsChangedAt].filter((d): d is Date => d instanceof Date);
      const lastModified = dates.length === 0 ? null : new Date(Math.max(...dates.map((d) => d.getTime())));
      const body = async () => {
        const items = [];
        for (const row of pageRows) items.push(await signItem(row));
        const self = `${deps.publicUrl}${FEED_PATH}${cursor === undefined ? '' : `?cursor=${cursor}`}`;
        const next = hasNext ? `${deps.publicUrl}${FEED_PATH}?cursor=${encodeCursor(pageRows.at(-1)!)}` : null;
        return { type: FEED_TYPE, id: self, publisher: deps.publicUrl, ...(lastModified ? { updated: lastModified.toISOString() } : {}), items, next };
      };
      return { etag: pageTag(pageRows, `${cursor ?? ''}|${organisationsChangedAt?.getTime() ?? ''}`, hasNext), lastModified, body };
    },
  };
}

export type FeedPublisher = ReturnType<typeof createFeedPublisher>;
