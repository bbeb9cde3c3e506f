// The dashboard's browser scenario: Debian's chromium driven by playwright-core against a running PlantWatch stack.
// Run by deploy/e2e (DashboardBrowserE2ETest) against the stack of ./plantwatch up's code, or by hand:
//   PW_GATEWAY_URL=http://127.0.0.1:8080 PW_ADMIN_PASSWORD=$(cat .plantwatch/admin-password) \
//     node gateway/src/main/webui/tests/browser-scenario.mjs
// Exit code 0 when every step passed; screenshots of every page land in PW_SCREENSHOTS.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const env = process.env;
const GATEWAY = (env.PW_GATEWAY_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
const ADMIN = env.PW_ADMIN_USER || 'admin';
const ADMIN_PASSWORD = env.PW_ADMIN_PASSWORD;
const SHOTS = env.PW_SCREENSHOTS || 'target/screenshots';
const CHROMIUM = env.PW_CHROMIUM || '/usr/bin/chromium';
const SIMULATED = (env.PW_EXPECT_DEVICES || 'sim-pump-1,sim-meter-1,sim-meter-2,sim-arduino-1').split(',').filter(Boolean);
const STEP_TIMEOUT = Number(env.PW_STEP_TIMEOUT_MS || 45_000);

if (!ADMIN_PASSWORD) {
  console.error('PW_ADMIN_PASSWORD is required (the admin password of the stack)');
  process.exit(2);
}
mkdirSync(SHOTS, { recursive: true });

const suffix = Date.now().toString(36);
const OPERATOR = { username: `op-${suffix}`, email: `op-${suffix}@plant.example`, password: 'control room 24/7', roles: ['operator'] };
const VIEWER = { username: `view-${suffix}`, email: `view-${suffix}@plant.example`, password: 'just looking 2026', roles: ['viewer'] };
const FAULT_DEVICE = `boiler-${suffix}`;
const results = [];

// ---------- API helpers (setup and fault injection go through the same gateway as the browser) ----------
async function call(method, path, token, body) {
  const res = await fetch(GATEWAY + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

async function apiLogin(login, password) {
  return (await call('POST', '/api/v1/auth/login', null, { login, password })).accessToken;
}

function samples(values, start) {
  return values.map((v, i) => ({ ts: new Date(start + i * 1000).toISOString(), values: { pressure: v } }));
}

// ---------- browser helpers ----------
async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ step: name, ok: true, ms: Date.now() - started });
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.push({ step: name, ok: false, ms: Date.now() - started, error: String(e.message || e) });
    console.error(`FAIL ${name}: ${e.message || e}`);
    throw e;
  }
}

async function shot(page, name) {
  await page.waitForTimeout(300); // let charts finish their layout
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

async function uiLogin(page, login, password) {
  await page.getByLabel('User name or e-mail').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('who').waitFor({ timeout: STEP_TIMEOUT });
}

async function main() {
  // setup: an operator, a viewer and a boiler device with a normal pressure history (no alarm yet)
  const adminToken = await apiLogin(ADMIN, ADMIN_PASSWORD);
  await call('POST', '/api/v1/users', adminToken, OPERATOR);
  await call('POST', '/api/v1/users', adminToken, VIEWER);
  await call('POST', '/api/v1/devices', adminToken, {
    id: FAULT_DEVICE, name: 'Boiler feed (scenario)', site: 'plant-south', line: 'boiler-house', protocol: 'http', enabled: true,
    channels: [{ name: 'pressure', unit: 'bar', alarmLow: 1.0, alarmHigh: 4.0 }],
  });
  const baseline = Array.from({ length: 40 }, (_, i) => 2.1 + 0.02 * Math.sin(i));
  await call('POST', '/api/v1/ingest', adminToken, { deviceId: FAULT_DEVICE, samples: samples(baseline, Date.now() - 90_000) });

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  const newPage = async (colorScheme = 'dark') => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true, colorScheme });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    return page;
  };
  try {
    const admin = await newPage();

    await step('1. log in', async () => {
      await admin.goto(GATEWAY + '/');
      await admin.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: STEP_TIMEOUT });
      await shot(admin, '01-login');
      await uiLogin(admin, ADMIN, ADMIN_PASSWORD);
    });

    await step('2. overview shows the simulated devices', async () => {
      for (const id of SIMULATED) {
        await admin.locator(`[data-testid=device-card][data-device="${id}"]`).waitFor({ timeout: STEP_TIMEOUT });
      }
      // sparklines drawn from history + live
      await admin.waitForFunction(() => document.querySelectorAll('.device-card .spark').length >= 4, null, { timeout: STEP_TIMEOUT });
      await admin.locator('[data-testid=live-state][data-state=live]').waitFor({ timeout: STEP_TIMEOUT });
      await shot(admin, '02-overview');
    });

    await step('3. a device chart gains new points within seconds', async () => {
      await admin.locator(`[data-testid=device-card][data-device="${SIMULATED[0]}"]`).click();
      const chart = admin.locator('[data-testid=channel-chart]').first();
      await chart.waitFor({ timeout: STEP_TIMEOUT });
      await admin.waitForFunction(() => Number(document.querySelector('[data-testid=channel-chart]')?.dataset.points) > 0, null, { timeout: STEP_TIMEOUT });
      const before = Number(await chart.getAttribute('data-points'));
      await admin.waitForFunction((n) => Number(document.querySelector('[data-testid=channel-chart]').dataset.points) > n, before, { timeout: 20_000 });
      const after = Number(await chart.getAttribute('data-points'));
      console.log(`     chart points ${before} -> ${after}`);
      await shot(admin, '03-device');
    });

    const operator = await newPage();
    let alarmId;
    await step('4. an injected fault makes an alarm appear live', async () => {
      await operator.goto(GATEWAY + '/alarms');
      await uiLogin(operator, OPERATOR.username, OPERATOR.password);
      await operator.locator('[data-testid=live-state][data-state=live]').waitFor({ timeout: STEP_TIMEOUT });
      await operator.getByRole('heading', { name: 'Alarms', level: 1 }).waitFor();
      if (await operator.locator(`[data-testid=alarm-row][data-device="${FAULT_DEVICE}"]`).count() !== 0) {
        throw new Error('the fault device had an alarm before the fault');
      }
      // the fault: pressure far above its band, pushed through the gateway while the page is open (no reload after)
      await call('POST', '/api/v1/ingest', adminToken, { deviceId: FAULT_DEVICE, samples: samples([9.5], Date.now() - 1000) });
      const row = operator.locator(`[data-testid=alarm-row][data-device="${FAULT_DEVICE}"]`);
      await row.waitFor({ timeout: STEP_TIMEOUT });
      alarmId = await row.getAttribute('data-alarm');
      if ((await row.getAttribute('data-status')) !== 'ACTIVE_UNACK') throw new Error('new alarm is not ACTIVE_UNACK');
      await shot(operator, '04-alarms');
    });

    await step('5. an operator acknowledges it and it changes state', async () => {
      await operator.locator(`[data-testid=alarm-row][data-device="${FAULT_DEVICE}"]`).click();
      await operator.getByTestId('alarm-detail').waitFor({ timeout: STEP_TIMEOUT });
      await operator.getByPlaceholder(/Note or comment/).fill('Checked on site: relief valve stuck, opened manually.');
      await operator.getByTestId('ack').click();
      await operator.locator(`[data-testid=alarm-row][data-device="${FAULT_DEVICE}"][data-status=ACTIVE_ACK]`).waitFor({ timeout: STEP_TIMEOUT });
      await operator.locator('[data-testid=alarm-detail][data-status=ACTIVE_ACK]').waitFor({ timeout: STEP_TIMEOUT });
      if (await operator.getByTestId('ack').count() !== 0) throw new Error('acknowledge button still shown after acknowledging');
      await shot(operator, '05-alarm-acknowledged');
    });

    await step('6. a viewer cannot see the acknowledge button', async () => {
      const viewer = await newPage('light');
      await viewer.goto(`${GATEWAY}/alarms/${encodeURIComponent(alarmId)}`);
      await uiLogin(viewer, VIEWER.username, VIEWER.password);
      await viewer.getByTestId('alarm-detail').waitFor({ timeout: STEP_TIMEOUT });
      await viewer.locator(`[data-testid=alarm-row][data-device="${FAULT_DEVICE}"]`).waitFor({ timeout: STEP_TIMEOUT });
      // an unacknowledged alarm too, so that the button would show for an operator
      const unacked = viewer.locator('[data-testid=alarm-row][data-status=ACTIVE_UNACK]').first();
      if (await unacked.count()) {
        await unacked.click();
        await viewer.getByTestId('alarm-detail').waitFor();
      }
      if (await viewer.getByTestId('ack').count() !== 0) throw new Error('a viewer sees the acknowledge button');
      if (await viewer.getByTestId('alarm-actions').count() !== 0) throw new Error('a viewer sees the alarm actions');
      await shot(viewer, '06-viewer-alarms');
      await viewer.context().close();
    });

    await step('7. the PDF download works', async () => {
      await operator.getByRole('link', { name: 'Reports' }).click();
      await operator.locator(`input[type=checkbox][data-device="${FAULT_DEVICE}"]`).check();
      await operator.locator(`input[type=checkbox][data-device="${SIMULATED[0]}"]`).check();
      const [download] = await Promise.all([
        operator.waitForEvent('download', { timeout: 60_000 }),
        operator.getByTestId('download-pdf').click(),
      ]);
      const file = join(SHOTS, 'report.pdf');
      await download.saveAs(file);
      const bytes = readFileSync(file);
      if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error(`download is not a PDF (${bytes.length} bytes)`);
      console.log(`     ${download.suggestedFilename()}: ${bytes.length} bytes`);
      await operator.getByTestId('download-done').waitFor({ timeout: STEP_TIMEOUT });
      await shot(operator, '07-reports');
    });

    await step('8. the other pages render', async () => {
      await operator.getByRole('link', { name: 'Logbook' }).click();
      const note = `Boiler feed pressure spike at ${new Date().toLocaleTimeString('en-GB')}: relief valve stuck, opened by hand. Alarm acknowledged.`;
      await operator.getByPlaceholder(/What happened/).fill(note);
      await operator.getByLabel('Device', { exact: true }).selectOption(FAULT_DEVICE);
      await operator.getByRole('button', { name: 'Post' }).click();
      await operator.locator('.post', { hasText: note }).waitFor({ timeout: STEP_TIMEOUT });
      await shot(operator, '08-logbook');
      await operator.getByRole('link', { name: 'Models' }).click();
      await operator.getByRole('heading', { name: 'Models', level: 1 }).waitFor();
      await operator.waitForSelector('.note, .table, .empty', { timeout: STEP_TIMEOUT });
      await shot(operator, '09-models');
      await admin.getByRole('link', { name: 'Admin' }).click();
      await admin.locator('.table').nth(1).waitFor({ timeout: STEP_TIMEOUT });
      await shot(admin, '10-admin');
      await admin.getByRole('link', { name: 'Overview' }).click();
      await admin.locator(`[data-testid=device-card][data-device="${FAULT_DEVICE}"] [data-testid=device-alarms]`).waitFor({ timeout: STEP_TIMEOUT });
      await admin.getByRole('button', { name: /Light/ }).click();
      await shot(admin, '11-overview-light');
    });
  } finally {
    await browser.close();
    writeFileSync(join(SHOTS, 'scenario.json'), JSON.stringify({ gateway: GATEWAY, results }, null, 2));
  }
}

main().then(() => {
  console.log(`browser scenario passed: ${results.length} steps`);
  process.exit(0);
}).catch((e) => {
  console.error(`browser scenario failed: ${e.message || e}`);
  process.exit(1);
});
