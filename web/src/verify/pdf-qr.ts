import jsQR from 'jsqr';
import { GlobalWorkerOptions, getDocument } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Pages searched for a QR code: a transcript puts its verification code on the first page, sometimes the last. */
const MAX_PAGES = 3;
/** Rendering scales tried in turn: small QR codes need more pixels, large pages fewer. */
const SCALES = [2, 3.5];

/**
 * The text of the first QR code in a PDF, found by rendering its first pages in this browser (PDF.js,
 * scripting off, nothing evaluated) and scanning the pixels with jsQR. Null when there is none.
 */
export async function findPdfQrText(data: ArrayBuffer): Promise<string | null> {
  const pdf = await getDocument({ data: new Uint8Array(data), isEvalSupported: false, enableXfa: false, stopAtErrors: false }).promise;
  try {
    const pages = [...new Set([1, 2, pdf.numPages].filter((n) => n >= 1 && n <= pdf.numPages))].slice(0, MAX_PAGES);
    for (const number of pages) {
      const page = await pdf.getPage(number);
      for (const scale of SCALES) {
        const viewport = page.getViewport({ scale });
        const canvas = document.createElement('canvas');
        canvas.width = Math.ceil(viewport.width);
        canvas.height = Math.ceil(viewport.height);
        const context = canvas.getContext('2d', { willReadFrequently: true });
        if (!context) return null;
        await page.render({ canvas, canvasContext: context, viewport }).promise;
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
        const code = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'attemptBoth' });
        if (code?.data) return code.data;
      }
    }
    return null;
  } finally {
    await pdf.destroy();
  }
}

/**
 * What to verify for a QR's text: a Tessera verify link (`…/verify?url=<credential URL>`) names the
 * credential's URL; any other http(s) URL is the credential's own address. Anything else is not ours to open.
 */
export function credentialUrlFromQr(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const named = url.pathname.replace(/\/$/, '').endsWith('/verify') ? url.searchParams.get('url') : null;
  return named ?? url.href;
}
