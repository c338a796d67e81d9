import { describeError } from '../api/client.js';
import type { BatchRowView } from './verify-api.js';
import { verifyFiles, verifyItems } from './verify-api.js';

export interface DroppedFiles {
  rows: BatchRowView[];
  /** A data: URL of a single dropped PNG, or SVG without script, to show beside the result. */
  preview: string | null;
  /** Files that could not be read here (a PDF without a QR code), one sentence each. */
  messages: string[];
}

const isPdf = async (file: File): Promise<boolean> =>
  file.type === 'application/pdf' || /\.pdf$/i.test(file.name) || new TextDecoder().decode(await file.slice(0, 5).arrayBuffer()) === '%PDF-';

const dataUrl = (file: File, type: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^;,]*/, `data:${type}`));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });

/**
 * Files a person dropped: PDFs are read here (their QR code names the credential's URL, which the server
 * then fetches and verifies); every other file goes to the server as it is, which finds the credential in
 * JSON, a VC-JWT or a baked PNG/SVG and says plainly when there is none.
 */
export async function readDroppedFiles(files: File[]): Promise<DroppedFiles> {
  const pdfs: File[] = [];
  const others: File[] = [];
  for (const file of files) (await isPdf(file) ? pdfs : others).push(file);

  const messages: string[] = [];
  const urls: Array<{ url: string; source: string }> = [];
  if (pdfs.length > 0) {
    // PDF.js is large: loaded only when a PDF is dropped.
    const { findPdfQrText, credentialUrlFromQr } = await import('./pdf-qr.js');
    for (const pdf of pdfs) {
      try {
        const text = await findPdfQrText(await pdf.arrayBuffer());
        const url = text === null ? null : credentialUrlFromQr(text);
        if (url) urls.push({ url, source: pdf.name });
        else messages.push(text === null ? `${pdf.name}: This PDF has no verification QR code.` : `${pdf.name}: The QR code in this PDF is not a verification link.`);
      } catch (error) {
        messages.push(`${pdf.name}: The PDF could not be read (${describeError(error)}).`);
      }
    }
  }
  const rows = [...(others.length > 0 ? await verifyFiles(others) : []), ...(urls.length > 0 ? await verifyItems(urls) : [])];

  const single = files.length === 1 ? others[0] : undefined;
  const row = rows[0];
  const showable = single && row && rows.length >= 1 && !row.notices.length && (await imageType(single));
  return { rows, preview: single && showable ? await dataUrl(single, showable) : null, messages };
}

/** PNG or SVG by content; anything else is not previewed. */
async function imageType(file: File): Promise<string | null> {
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  if (head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47) return 'image/png';
  return /<svg[\s>]/i.test(await file.slice(0, 4096).text()) ? 'image/svg+xml' : null;
}
