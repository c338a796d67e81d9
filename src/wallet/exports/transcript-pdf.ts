import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { summariseCredential } from '../credential-summary.js';

/**
 * A transcript for a registrar who works on paper: per micro-credential its issuer, dates, credits, level,
 * outcomes and skills, and a QR code of the verify URL (the verifier fetches the signed CLR from it and
 * checks every credential in it). Standard PDF fonts only (Helvetica), so nothing is embedded or fetched.
 */
export interface TranscriptPdfInput {
  /** The signed ClrCredential. */
  transcript: Record<string, unknown>;
  learnerName: string;
  verifyUrl: string;
  generatedAt: Date;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : isObject(value) ? (Object.values(value).find((v): v is string => typeof v === 'string') ?? null) : null);
const day = (value: unknown): string | null => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString().slice(0, 10) : null);

/** What the PDF says of one credential, read leniently from its signed JSON (a missing field is left out). */
export function transcriptEntry(credential: Json) {
  const summary = summariseCredential(credential);
  const subject = list(credential.credentialSubject).find(isObject) ?? {};
  const achievement = isObject(subject.achievement) ? subject.achievement : {};
  const described = new Map(list(achievement.resultDescription).filter(isObject).map((rd) => [String(rd.id), rd]));
  const levels = list(achievement.alignment)
    .filter(isObject)
    .filter((a) => /EQFLevel|OQFCategory/.test(String(a.targetType)))
    .map((a) => text(a.targetName))
    .filter((name): name is string => name !== null);
  const results = list(subject.result).filter(isObject);
  const outcomes = results.length > 0
    ? results.map((r) => `${text(described.get(String(r.resultDescription))?.name) ?? 'Outcome'}${r.status ? ` (${String(r.status)})` : r.value ? ` (${String(r.value)})` : ''}`)
    : [...described.values()].filter((rd) => rd.resultType === 'Status').map((rd) => text(rd.name) ?? 'Outcome');
  const credits = typeof achievement.creditsAvailable === 'number' ? achievement.creditsAvailable : null;
  return {
    title: summary.title,
    issuer: summary.issuer.name ?? summary.issuer.id ?? 'Unknown issuer',
    issued: day(credential.validFrom ?? credential.issuanceDate),
    expires: day(credential.validUntil ?? credential.expirationDate),
    credits,
    level: [text(achievement.achievementType), ...levels].filter(Boolean).join(', ') || null,
    outcomes,
    skills: summary.skills.map((s) => s.name),
    id: typeof credential.id === 'string' ? credential.id : null,
  };
}

export async function renderTranscriptPdf(input: TranscriptPdfInput): Promise<Buffer> {
  const subject = list(input.transcript.credentialSubject).find(isObject) ?? {};
  const entries = list(subject.verifiableCredential).filter(isObject).map(transcriptEntry);
  const qr = await QRCode.toBuffer(input.verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 240 });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: 'Transcript of micro-credentials', Author: 'Tessera', Subject: input.learnerName, CreationDate: input.generatedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const issuer = isObject(input.transcript.issuer) ? text(input.transcript.issuer.name) : null;
  doc.font('Helvetica-Bold').fontSize(20).text('Transcript of micro-credentials');
  doc.moveDown(0.3).font('Helvetica').fontSize(11);
  doc.text(`Learner: ${input.learnerName}`);
  doc.text(`Signed by: ${issuer ?? 'the issuer'}`);
  doc.text(`Generated: ${input.generatedAt.toISOString().slice(0, 10)}`);
  const totalCredits = entries.reduce((sum, e) => sum + (e.credits ?? 0), 0);
  doc.text(`Micro-credentials: ${entries.length}   Total credits: ${totalCredits}`);
  const qrTop = 50;
  doc.image(qr, doc.page.width - 50 - 110, qrTop, { width: 110 });
  doc.fontSize(8).text('Scan to verify', doc.page.width - 50 - 110, qrTop + 112, { width: 110, align: 'center' });
  doc.x = 50;
  doc.y = Math.max(doc.y, qrTop + 130);
  doc.fontSize(8).fillColor('#444').text(`Verify at ${input.verifyUrl}`, { link: input.verifyUrl });
  doc.fillColor('black').moveDown(1);

  for (const entry of entries) {
    if (doc.y > doc.page.height - 180) doc.addPage();
    doc.moveTo(50, doc.y).lineTo(doc.page.width - 50, doc.y).strokeColor('#999').stroke();
    doc.moveDown(0.4).font('Helvetica-Bold').fontSize(13).text(entry.title);
    doc.font('Helvetica').fontSize(10);
    doc.text(`Issuer: ${entry.issuer}`);
    doc.text(`Issued: ${entry.issued ?? 'unknown'}${entry.expires ? `   Valid until: ${entry.expires}` : ''}`);
    doc.text(`Credits: ${entry.credits ?? 'not stated'}${entry.level ? `   Level: ${entry.level}` : ''}`);
    if (entry.outcomes.length > 0) {
      doc.font('Helvetica-Bold').text('Learning outcomes');
      doc.font('Helvetica').list(entry.outcomes, { bulletRadius: 1.5, textIndent: 10 });
    }
    if (entry.skills.length > 0) doc.text(`Skills (ESCO): ${entry.skills.join('; ')}`);
    if (entry.id) doc.fontSize(7).fillColor('#666').text(`Credential ${entry.id}`).fillColor('black');
    doc.moveDown(0.8);
  }
  doc.end();
  return done;
}
