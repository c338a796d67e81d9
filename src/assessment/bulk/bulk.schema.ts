import { z } from 'zod';

/** Most rows one JSON body may carry; larger jobs go as CSV, which is streamed. */
export const MAX_JSON_ROWS = 100_000;

/** A bulk job sent as JSON: the CSV's columns per row, outcomes as a list. */
export const bulkJsonJob = z
  .object({
    achievementId: z.uuid(),
    name: z.string().min(1).max(200).default('rows.json'),
    rows: z
      .array(z.object({ email: z.string().max(320), results: z.array(z.string().max(100)).max(50).optional(), evidenceUrl: z.string().max(2000).optional() }).strict())
      .min(1)
      .max(MAX_JSON_ROWS),
  })
  .strict();
