import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** A subscription to another instance's catalogue feed (migration 0007). */
export interface CatalogueFeedSubscriptionsTable {
  id: Generated<string>;
  feed_url: string;
  refresh_minutes: number;
  next_harvest_at: Timestamp;
  etag: string | null;
  last_modified: string | null;
  last_harvested_at: NullableTimestamp;
  last_succeeded_at: NullableTimestamp;
  last_error: string | null;
  last_report: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/** One offering harvested from a feed, with its origin and the signed item it came in. */
export interface HarvestedOfferingsTable {
  id: Generated<string>;
  subscription_id: string;
  /** The item's credentialSubject id: the achievement across its versions. */
  subject_id: string;
  /** The OB Achievement id: one version. */
  achievement_id: string;
  issuer_did: string;
  feed_url: string;
  status: 'active' | 'withdrawn';
  title: string;
  achievement: Json<Record<string, unknown>>;
  offering: Json<Record<string, unknown>>;
  credential: Json<Record<string, unknown>>;
  source_updated_at: Timestamp;
  fetched_at: Timestamp;
  withdrawn_at: NullableTimestamp;
}

export interface FeedsTables {
  catalogue_feed_subscriptions: CatalogueFeedSubscriptionsTable;
  harvested_offerings: HarvestedOfferingsTable;
}
