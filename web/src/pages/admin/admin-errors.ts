import { ApiError } from '../../api/client';
import type { FieldErrors } from '../../components/FormField';

/** The fields a refusal names (400 `errors`), or the whole refusal under `fallback` (a 409's explanation, in place). */
export function refusalByField(error: unknown, fallback: string): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const out: FieldErrors = {};
  for (const e of error.problem.errors ?? []) out[e.field] = e.messages;
  if (Object.keys(out).length === 0) out[fallback] = [error.problem.detail ?? error.problem.title ?? String(error.status)];
  return out;
}
