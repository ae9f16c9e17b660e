import type { ProblemBody } from './problem';

/** The FHIR door's base path; every route under it answers errors as OperationOutcome (issue #23). */
export const FHIR_BASE = '/fhir/R4';
export const FHIR_CONTENT_TYPE = 'application/fhir+json';

export function isFhirRoute(url: string | undefined): boolean {
  return !!url && (url === FHIR_BASE || url.startsWith(`${FHIR_BASE}/`) || url.startsWith(`${FHIR_BASE}?`));
}

/** FHIR issue-type codes (http://hl7.org/fhir/issue-type) by HTTP status. */
function issueCode(status: number): string {
  if (status === 401 || status === 403) return 'security';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'too-long';
  if (status === 415) return 'not-supported';
  if (status === 422) return 'processing';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'exception';
  return 'invalid';
}

/**
 * A problem as a FHIR OperationOutcome: one issue per refused field (its path in `expression`), else
 * one for the whole request. The problem's type slug travels as `details.coding` so a client can
 * still switch on it.
 */
export function toOperationOutcome(problem: ProblemBody): Record<string, unknown> {
  const severity = problem.status >= 500 ? 'fatal' : 'error';
  const code = issueCode(problem.status);
  const slug = problem.type === 'about:blank' ? undefined : problem.type;
  const details = (text: string) => ({ ...(slug ? { coding: [{ system: 'https://beamtime.example/problems', code: slug.split('/').pop() }] } : {}), text });
  const issues = problem.errors?.length
    ? problem.errors.flatMap((e) =>
        e.messages.map((message) => ({ severity, code, details: details(message), diagnostics: problem.detail, expression: [e.field] })),
      )
    : [{ severity, code, details: details(problem.detail) }];
  return { resourceType: 'OperationOutcome', issue: issues };
}
