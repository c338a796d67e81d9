import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends one email or throws; the deliverer retries. */
export interface Mailer {
  /** For log lines: 'smtp' or the folder mail is written to. Never the SMTP URL (it carries the password). */
  readonly description: string;
  /** Resolves with where the mail went, for a log line. */
  send(message: MailMessage): Promise<string>;
  close(): void;
}

/** SMTP through nodemailer (TLS for smtps://, STARTTLS when the server offers it). */
export function createSmtpMailer(options: { smtpUrl: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    description: 'smtp',
    async send(message) {
      const info = await transport.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.text });
      return `sent by SMTP (${info.messageId})`;
    },
    close: () => transport.close(),
  };
}

/**
 * Without an SMTP server, each email becomes an RFC 5322 .eml file (built by nodemailer, so it is exactly what
 * SMTP would have carried), written under a temporary name and renamed so a reader never sees half of one.
 */
export function createFileMailer(options: { directory: string; from: string }): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    description: options.directory,
    async send(message) {
      const info = await transport.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.text });
      await ensureFolderInExistingParent(options.directory);
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.eml`;
      const partial = path.join(options.directory, `.${name}.partial`);
      await writeFile(partial, info.message as Buffer);
      await rename(partial, path.join(options.directory, name));
      return `written to ${path.join(options.directory, name)}`;
    },
    close: () => transport.close(),
  };
}

/** Creates the mail folder, but not the data directory above it: that is the operator's (or the database's) to create. */
async function ensureFolderInExistingParent(directory: string): Promise<void> {
  try {
    await mkdir(directory);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code === 'ENOENT') throw new Error(`cannot write mail to ${directory}: the data directory does not exist (set TESSERA_SMTP_URL, or create it)`);
    throw error;
  }
}

/** SMTP when TESSERA_SMTP_URL is set, otherwise .eml files under `<dataDir>/mail`. */
export function configuredMailer(config: { dataDir: string; mail: { smtpUrl: string | undefined; from: string } }): Mailer {
  return config.mail.smtpUrl
    ? createSmtpMailer({ smtpUrl: config.mail.smtpUrl, from: config.mail.from })
    : createFileMailer({ directory: path.join(config.dataDir, 'mail'), from: config.mail.from });
}
