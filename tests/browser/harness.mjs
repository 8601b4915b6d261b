// Starts a real samdrift server with the demo federation on a free
// loopback port and a fresh data dir, and Debian's Chromium through
// playwright-core (no browser is downloaded). Every page a test visits is
// checked with axe-core: no violations of impact serious or critical.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const PASSWORD = 'Kaffe-och-kanelbulle';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function startServer() {
  const bin = process.env.SAMDRIFT_BIN;
  if (!bin) throw new Error('SAMDRIFT_BIN must name the samdrift binary');
  const dir = mkdtempSync(join(tmpdir(), 'samdrift-ui-'));
  const port = await freePort();
  const child = spawn(bin, ['--data-dir', dir, 'serve', '--demo', '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, RUST_LOG: 'warn' },
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (child.exitCode !== null) throw new Error(`samdrift exited: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    base,
    browser,
    async stop() {
      await browser.close();
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs axe-core on the page; fails on serious or critical violations. */
export async function checkA11y(page, assert) {
  // Evaluated through the DevTools protocol, so the page's own CSP stays on.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, [], `${page.url()}: ${JSON.stringify(bad, null, 1)}`);
}

/** Fills in and sends the login form; the page is where the login leads. */
export async function signIn(ctx, base, username, assert) {
  const page = await ctx.newPage();
  await page.goto(`${base}/login`);
  await checkA11y(page, assert);
  await page.getByLabel(/Användarnamn|Username/).fill(username);
  await page.getByLabel(/Lösenord|Password/).fill(PASSWORD);
  await page.getByRole('button', { name: /Logga in|Sign in/ }).click();
  await page.waitForLoadState('load');
  return page;
}

/** Accepts the user agreement the page shows, and the next, until none is left. */
export async function acceptAgreements(page, assert) {
  while (new URL(page.url()).pathname === '/agreement') {
    await checkA11y(page, assert);
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: /Jag godkänner avtalet|I accept the agreement/ }).click(),
    ]);
  }
}

/**
 * Signs in through the login form and returns the page. A member login
 * meets its members' user agreements first (demo members publish one);
 * they are accepted, as a user does at first login.
 */
export async function login(ctx, base, username, assert) {
  const page = await signIn(ctx, base, username, assert);
  await acceptAgreements(page, assert);
  return page;
}
