import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The text of a quoted-printable body part: soft line breaks joined, `=XX` bytes decoded (RFC 2045 §6.7). */
const decodeQuotedPrintable = (text: string): string =>
  Buffer.from(text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');

/**
 * The mails the file mailer wrote under `<dataDir>/mail` to `to`, decoded, waiting up to `timeoutMs` for at least
 * one (the deliverer sends after the commit, on its own schedule).
 */
export async function mailsTo(dataDir: string, to: string, timeoutMs = 15_000): Promise<string[]> {
  const folder = path.join(dataDir, 'mail');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const names = (await readdir(folder).catch(() => [] as string[])).filter((name) => name.endsWith('.eml')).sort();
    const mails = (await Promise.all(names.map((name) => readFile(path.join(folder, name), 'utf8')))).filter((mail) => new RegExp(`^To: ${to.replace(/[.+]/g, '\\$&')}\\s*$`, 'mi').test(mail));
    const decoded = mails.map((mail) => (/^Content-Transfer-Encoding: quoted-printable/im.test(mail) ? decodeQuotedPrintable(mail) : mail));
    if (decoded.length > 0 || Date.now() > deadline) return decoded;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
