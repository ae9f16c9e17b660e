/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import request from 'supertest';
import { startApiApp, ApiApp } from './api-app';
import { DEMO_TEST_PASSWORD } from './auth';

/** Debian's Chromium; Playwright's own browser download cannot be reached from our machines. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const CONSOLE_DIST = resolve(__dirname, '..', '..', 'web', 'dist');

export type ConsoleUser = 'admin' | 'coordinator' | 'ministry-kg' | 'ministry-uz';

export interface ConsoleApp extends ApiApp<ConsoleUser> {
  /** http://127.0.0.1:PORT, the console and the API on one port, as `npm start` serves them. */
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The real app (own database and queue prefix, in-process BullMQ workers, the demo center) listening
 * on a free port and serving the built console, plus a headless Chromium; `env` adds settings (e.g. faster notices). Build first: `npm run build:web`
 * (`npm test` does it when web/dist is missing or stale).
 */
export async function startConsoleApp(users: readonly ConsoleUser[] = ['admin', 'coordinator'], env: Record<string, string> = {}): Promise<ConsoleApp> {
  if (!existsSync(resolve(CONSOLE_DIST, 'index.html'))) throw new Error('web/dist is missing: run `npm run build:web` (npm test does it for you)');
  const app = await startApiApp<ConsoleUser>({ users, demoCenter: true, env: { EARLY_STARTS_ENABLED: 'false', COMPACTION_ENABLED: 'false', ...env } });
  let browser: Browser | undefined;
  try {
    await app.t.app.listen(0, '127.0.0.1');
    const port = (app.t.app.getHttpServer().address() as AddressInfo).port;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const opened = browser;
    return {
      ...app,
      base: `http://127.0.0.1:${port}`,
      browser: opened,
      close: async () => {
        await opened.close();
        await app.t.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await app.t.close();
    throw error;
  }
}

/** A fresh browser profile (no cookies, no storage) in a language, at a desktop size. */
export async function newPage(app: ConsoleApp, locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await app.browser.newContext({ locale, viewport: { width: 1400, height: 900 }, timezoneId: 'America/New_York' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** Signs in through the login form, as a person would. */
export async function signIn(page: Page, base: string, user: ConsoleUser = 'coordinator', path = '/login'): Promise<void> {
  await page.goto(`${base}${path}`);
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(DEMO_TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Serious and critical axe-core findings of the page as it is now (WCAG 2.1 A/AA rules). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
}

export interface SeededCourse {
  courseId: string;
  patientName: string;
  fractions: number;
  appointments: Array<{ id: string; fraction: number; roomId: string; roomName: string; localDate: string; localTime: string; start: string; status: string }>;
}

/** Creates a patient and a course through the API, submits it and waits until the worker booked it. */
export async function seedScheduledCourse(
  app: ConsoleApp,
  patient: { firstName: string; lastName: string; birthDate?: string },
  course: { fractions: number; earliestStart: string; urgency?: string; requiresAnesthesia?: boolean },
): Promise<SeededCourse> {
  const auth = app.auth.coordinator;
  const createdPatient = await request(app.server)
    .post('/api/v1/patients')
    .set('Authorization', auth)
    .send({ birthDate: '1975-05-05', sex: 'female', countryCode: 'KZ', ...patient })
    .expect(201);
  const created = await request(app.server)
    .post('/api/v1/courses')
    .set('Authorization', auth)
    .send({ patientId: createdPatient.body.id, diagnosisGroup: 'CNS', urgency: 'ROUTINE', fractionsPerWeek: 5, ...course })
    .expect(201);
  const courseId = created.body.id as string;
  await request(app.server).post(`/api/v1/courses/${courseId}/submit`).set('Authorization', auth).expect(202);
  await waitForStatus(app, courseId, 'SCHEDULED');
  const appointments = await request(app.server).get(`/api/v1/courses/${courseId}/appointments`).set('Authorization', auth).expect(200);
  return { courseId, patientName: `${patient.firstName} ${patient.lastName}`, fractions: course.fractions, appointments: appointments.body };
}

export async function waitForStatus(app: ConsoleApp, courseId: string, status: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(app.server).get(`/api/v1/courses/${courseId}`).set('Authorization', app.auth.coordinator).expect(200);
    if (res.body.status === status) return;
    if (Date.now() > until) throw new Error(`course ${courseId} stayed ${res.body.status}, expected ${status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A date some weeks ahead (YYYY-MM-DD), so every fraction lies in the future whatever the clock says. */
export function dateAhead(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
