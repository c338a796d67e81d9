import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keygenCommand, proveCommand } from '../../src/cli/holder.command.js';
import { collectPageErrors, saveScreenshot } from '../support/browser.js';
import { useServerAndBrowser } from '../support/e2e.js';
import { demoAccounts, signInAs } from './demo-accounts.js';

describe('the learner’s own holder DID', () => {
  const e2e = useServerAndBrowser();
  const folder = mkdtempSync(path.join(os.tmpdir(), 'tessera-e2e-holder-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('is used only after the learner signs the challenge with its key (tessera holder prove)', async () => {
    const page = await e2e.browser.freshPage();
    const errors = collectPageErrors(page);
    await signInAs(page, demoAccounts.learner);
    await page.goto('/account');
    const section = page.getByRole('region', { name: 'Your DID' });
    await section.getByRole('heading', { name: 'Your DID' }).waitFor();

    const printed: string[] = [];
    const output = { line: (text = '') => printed.push(text), error: (text: string) => printed.push(text) };
    const keyFile = path.join(folder, 'my-key.jwk');
    expect(await keygenCommand(output, keyFile)).toBe(0);
    const did = printed.pop()!;

    await section.getByLabel('Or use a DID of your own (did:key or did:web)').fill(did);
    await section.getByRole('button', { name: 'Prove it is mine' }).click();
    const command = section.getByLabel('Command');
    await command.waitFor();
    const text = (await command.textContent()) ?? '';
    const challenge = /--challenge (\S+)/.exec(text)?.[1];
    const domain = /--domain (\S+)/.exec(text)?.[1];
    expect(challenge).toMatch(/^[\w-]{43}$/);
    expect(domain).toBe(new URL(e2e.server.baseUrl).host);
    await saveScreenshot(page, 'holder-did-challenge');

    // A paste that is not a presentation is refused with the reason; nothing is set.
    await section.getByLabel('Signed presentation (JSON)').fill('{"type": ["VerifiablePresentation"]}');
    await section.getByRole('button', { name: 'Check the proof and use this DID' }).click();
    await section.getByRole('alert').filter({ hasText: 'names no holder' }).waitFor();

    expect(await proveCommand(output, { key: keyFile, challenge: challenge!, domain: domain! })).toBe(0);
    await section.getByLabel('Signed presentation (JSON)').fill(printed.join('\n'));
    await section.getByRole('button', { name: 'Check the proof and use this DID' }).click();
    await section.getByRole('status').filter({ hasText: 'Your DID is proved and saved' }).waitFor();
    await expect.poll(() => section.getByTestId('holder-did').textContent()).toBe(did);
    expect(await section.getByText('Your own: sign presentations with your own wallet').count()).toBe(1);
    expect(await section.getByText('Not proved yet').count()).toBe(0);
    await saveScreenshot(page, 'holder-did-proved');
    expect(errors).toEqual([]);
  });
});
