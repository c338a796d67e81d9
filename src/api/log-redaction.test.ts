import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { REDACTED_LOG_PATHS } from './server.js';

describe('log redaction', () => {
  it('censors every place a secret can travel, whatever logs it', () => {
    const lines: string[] = [];
    const logger = pino(
      { redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' } },
      new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) }),
    );
    const secrets = ['Bearer tsr_secret-token', 'tessera_session=cookie-secret', 'csrf-secret', 'pw-top', 'pw-nested', 'tok-nested', 'hash-secret', 'master-secret', 's3-secret', 'smtps://user:smtp-secret@mail.example'];
    logger.info({
      req: { headers: { authorization: secrets[0], cookie: secrets[1], 'x-csrf-token': secrets[2] } },
      password: secrets[3],
      body: { password: secrets[4], token: secrets[5] },
      person: { passwordHash: secrets[6] },
      config: { masterKey: secrets[7], evidence: { s3: { secretAccessKey: secrets[8] } }, mail: { smtpUrl: secrets[9] } },
    });
    const output = lines.join('');
    for (const secret of secrets) expect(output).not.toContain(secret);
    expect(output.match(/\[redacted\]/g)?.length).toBe(secrets.length);
  });
});
