import type { FastifyReply } from 'fastify';

/**
 * How every open-data export answers: cacheable for five minutes, and with `format=csv` the same rows as a
 * CSV download named after its range, with the k that suppressed it in a header; JSON otherwise.
 */
export function openDataReply<T extends { k: number; range: { from: string; to: string } }>(
  reply: FastifyReply,
  document: T,
  options: { format: string | undefined; fileName: string; csv: (document: T) => string },
): T | FastifyReply {
  reply.header('cache-control', 'public, max-age=300');
  if (options.format !== 'csv') return document;
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${options.fileName}-${document.range.from}-${document.range.to}.csv"`)
    .header('x-suppression-k', String(document.k))
    .send(options.csv(document));
}
