import { DEMO_USERS } from '../users/users.service';

const WHAT_THEY_DO: Record<string, string> = {
  ADMIN: 'everything: center, quotas, forecasts',
  COORDINATOR: 'patients, courses, appointments, capacity',
  MINISTRY: "its own country's quotas, holds and referrals",
};

/** What `npm run demo` prints once the API listens: where to look and how to log in. */
export function demoBanner(port: number, password: string): string {
  const base = `http://localhost:${port}`;
  return [
    '',
    '  Beamtime demo is running (API + workers in this process; Ctrl-C stops it)',
    `  Console    ${base}/          (sign in as coordinator; ?lang=ru, kk, ky or en)`,
    `  API        ${base}/api/v1   (health: ${base}/api/v1/health)`,
    `  OpenAPI    ${base}/docs     (Authorize with the accessToken from POST /api/v1/auth/login)`,
    `  Queues     ${base}/admin/queues (sign in to the console as admin first)`,
    `  Accounts   password "${password}":`,
    ...DEMO_USERS.map(
      (u) => `             ${u.username.padEnd(12)} ${(u.role + (u.countryCode ? ` ${u.countryCode}` : '')).padEnd(12)} ${WHAT_THEY_DO[u.role]}`,
    ),
    '  Next       README.md "Walkthrough" (bash scripts/walkthrough.sh runs every step of it)',
    '',
  ].join('\n');
}
