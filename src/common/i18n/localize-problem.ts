import type { FieldError, ProblemBody } from '../problem';
import { DETAILS, ENTITIES, FIELD_MESSAGES, RULES, TITLES } from './catalog';
import type { Language } from './negotiate';

const TYPE_SLUG = /\/problems\/([a-z0-9-]+)$/;

/**
 * The problem in `lang`: title by status, detail by type where the catalog has it, field messages
 * by validation code. Every field error gets a stable `code` (the validation constraint, or the
 * problem type for a refusal a service raised), in English too. What the catalog lacks stays English.
 */
export function localizeProblem(body: ProblemBody, lang: Language): ProblemBody {
  const slug = TYPE_SLUG.exec(body.type)?.[1];
  const out: ProblemBody = { ...body };
  if (body.errors) out.errors = body.errors.map((e) => withCode(e, slug));
  if (lang === 'en') return out;
  out.title = TITLES[body.status]?.[lang] ?? body.title;
  const detail = slug ? translatedDetail(slug, body, lang) : undefined;
  if (detail) out.detail = detail;
  if (out.errors) out.errors = out.errors.map((e) => translatedField(e, lang, body.detail, detail));
  return out;
}

function withCode(e: FieldError, slug: string | undefined): FieldError {
  if (e.code) return e;
  return { ...e, code: e.codes?.[0] ?? slug ?? 'invalid' };
}

function translatedDetail(slug: string, body: ProblemBody, lang: Exclude<Language, 'en'>): string | undefined {
  const entry = DETAILS[slug];
  if (!entry) return undefined;
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string' || typeof v === 'number') params[k] = String(v);
  if (entry.match) {
    const m = entry.match.exec(body.detail);
    if (!m) return undefined;
    Object.assign(params, m.groups);
  }
  if (params.entity) params.entity = ENTITIES[params.entity]?.[lang] ?? params.entity;
  if (slug === 'rule-violated') {
    const name = RULES[Number(params.rule)]?.[lang];
    if (!name) return undefined;
    params.ruleName = name;
  }
  if (slug === 'validation') params.fields = (body.errors ?? []).map((e) => e.field).join(', ');
  const text = typeof entry.text === 'function' ? entry.text(params) : entry.text;
  return text[lang];
}

function translatedField(e: FieldError, lang: Exclude<Language, 'en'>, englishDetail: string, detail: string | undefined): FieldError {
  const codes = e.codes ?? [];
  const messages = e.messages.map((message, i) => {
    const byCode = codes[i] ? FIELD_MESSAGES[codes[i]]?.(e.field)[lang] : undefined;
    if (byCode) return byCode;
    // A service's refusal naming one field repeats the problem's detail as the field's message.
    return detail && message === englishDetail ? detail : message;
  });
  return { ...e, messages };
}
