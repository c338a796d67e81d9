/**
 * Reads a fetch Response body, stopping as soon as it passes `maxBytes`: a missing or lying Content-Length
 * is not trusted, and a hostile server cannot make Tessera buffer more than the limit. `undefined` when the
 * body is larger.
 */
export async function readLimitedBody(response: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
