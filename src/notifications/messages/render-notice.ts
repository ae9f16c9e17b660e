import { moveReasonKind } from '../../appointments/move-reason';
import type { NoticeLanguage } from '../../patients/patient-contact';
import type { OutboxEvent } from '../notification-kinds';
import { NOTICE_TEXTS } from './catalog';

export interface RenderedNotice {
  subject: string;
  text: string;
  /** One short line for SMS: the first change and how many more. */
  sms: string;
}

export interface NoticeAddressee {
  /** Who the message greets: the patient, or the guardian of a child. */
  name: string;
  /** The patient's name when the addressee is the guardian. */
  patientName: string | null;
}

/**
 * A patient's notice from the events coalesced into it, in their language and the center's zone. A
 * fraction moved twice in the window shows once, from where it was to where it is; a cancelled course
 * says so once instead of listing each of its fractions.
 */
export function renderPatientNotice(language: NoticeLanguage, timeZone: string, to: NoticeAddressee, events: OutboxEvent[]): RenderedNotice {
  const t = NOTICE_TEXTS[language];
  const format = new Intl.DateTimeFormat(t.locale, {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const when = (v: unknown) => format.format(new Date(String(v)));
  const cancelledCourses = new Set(events.filter((e) => e.type === 'course.cancelled').map((e) => e.courseId));
  const lines: string[] = [];
  const moved = new Map<string, { fraction: number; from: unknown; to: unknown; reason: string; movedBy: string }>();
  for (const e of events) {
    const p = e.payload;
    if (e.type === 'course.scheduled' && !cancelledCourses.has(e.courseId)) {
      lines.push(t.scheduled(Number(p.bookedFractions ?? p.fractions), p.firstFraction ? when(p.firstFraction) : '—'));
    } else if (e.type === 'course.cancelled') {
      lines.push(t.courseCancelled);
    } else if (e.type === 'fraction.cancelled' && !cancelledCourses.has(e.courseId)) {
      lines.push(t.fractionCancelled(Number(p.fraction), when(p.fromStart)));
    } else if (e.type === 'fraction.moved' && !cancelledCourses.has(e.courseId)) {
      const key = String(p.appointmentId);
      const earlier = moved.get(key);
      moved.set(key, {
        fraction: Number(p.fraction),
        from: earlier ? earlier.from : p.fromStart,
        to: p.toStart,
        reason: typeof p.reason === 'string' ? p.reason : '',
        movedBy: typeof p.movedBy === 'string' ? p.movedBy : 'system',
      });
      if (!earlier) lines.push(`\u0000${key}`);
    }
  }
  const body = lines.map((line) => {
    if (!line.startsWith('\u0000')) return line;
    const m = moved.get(line.slice(1))!;
    if (!m.from) return t.booked(m.fraction, when(m.to));
    return t.moved(m.fraction, when(m.from), when(m.to), t.reasons[moveReasonKind(m.reason, m.movedBy)]);
  });
  const header = [t.greeting(to.name), ...(to.patientName ? [t.about(to.patientName)] : [])];
  const text = [...header, '', ...body.map((l) => `- ${l}`), '', t.closing, ''].join('\n');
  const sms = `${t.subject}: ${body[0] ?? ''}${body.length > 1 ? ` ${t.more(body.length - 1)}` : ''}`;
  return { subject: t.subject, text, sms };
}
