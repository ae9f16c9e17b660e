import PDFDocument from 'pdfkit';
import { localForms } from '../../common/local-time';
import type { CenterContact } from '../center-contact';
import type { FileFraction } from '../course-fractions';
import type { PatientTexts } from '../patient-texts';
import { letterFonts } from './letter-fonts';

export interface LetterInput {
  patient: { fullName: string; birthDate: string };
  /** The fractions the patient comes for, in time order (at least one). */
  fractions: FileFraction[];
  timeZone: string;
  center: CenterContact;
  texts: PatientTexts;
  language: string;
}

const MARGIN = 50;
/** Column x offsets and widths of the schedule table (A4 is 595 pt wide). */
const COLUMNS = [
  { key: 'no', x: MARGIN, width: 40 },
  { key: 'date', x: MARGIN + 40, width: 90 },
  { key: 'weekday', x: MARGIN + 130, width: 130 },
  { key: 'time', x: MARGIN + 260, width: 90 },
  { key: 'room', x: MARGIN + 350, width: 145 },
] as const;
const ROW = 18;

/** DD.MM.YYYY: read the same way in all four languages, and no month names ICU may lack. */
function dayText(localDate: string): string {
  return `${localDate.slice(8, 10)}.${localDate.slice(5, 7)}.${localDate.slice(0, 4)}`;
}

function weekdayOf(localDate: string, texts: PatientTexts): string {
  const day = new Date(`${localDate}T00:00:00Z`).getUTCDay();
  return texts.weekdays[(day + 6) % 7];
}

/** The appointment letter as PDF bytes: center, first fraction, every fraction, what to bring. */
export function appointmentLetter(input: LetterInput): Promise<Buffer> {
  const { patient, fractions, timeZone, center, texts } = input;
  const fonts = letterFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: input.language,
    info: { Title: texts.letterTitle, Author: center.name },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const width = doc.page.width - 2 * MARGIN;

  doc.font('bold').fontSize(16).text(center.name, { width });
  doc.font('regular').fontSize(10).text(`${texts.address}: ${center.address}`).text(`${texts.phone}: ${center.phone}`);
  doc.moveDown(1.5);
  doc.font('bold').fontSize(14).text(texts.letterTitle, { width });
  doc.moveDown(0.5);
  doc
    .font('regular')
    .fontSize(10)
    .text(`${texts.patient}: ${patient.fullName}`)
    .text(`${texts.birthDate}: ${dayText(patient.birthDate)}`);
  doc.moveDown();
  doc.fontSize(11).text(texts.greeting(patient.fullName)).moveDown(0.5).text(texts.intro, { width });
  doc.moveDown();
  const first = localForms(timeZone, fractions[0].start);
  doc
    .font('bold')
    .fontSize(12)
    .text(texts.firstFraction(`${dayText(first.localDate)} (${weekdayOf(first.localDate, texts)})`, first.localTime));
  doc.font('regular').fontSize(9).text(texts.localTimes(timeZone));
  doc.moveDown();

  doc.font('bold').fontSize(12).text(texts.schedule);
  doc.moveDown(0.3);
  const header = () => {
    const y = doc.y;
    doc.font('bold').fontSize(9);
    for (const c of COLUMNS) doc.text(texts.columns[c.key], c.x, y, { width: c.width, lineBreak: false });
    doc
      .moveTo(MARGIN, y + ROW - 4)
      .lineTo(MARGIN + width, y + ROW - 4)
      .stroke();
    doc.y = y + ROW;
  };
  header();
  doc.font('regular').fontSize(9);
  for (const f of fractions) {
    if (doc.y + ROW > doc.page.height - MARGIN) {
      doc.addPage();
      header();
      doc.font('regular').fontSize(9);
    }
    const start = localForms(timeZone, f.start);
    const end = localForms(timeZone, f.end);
    const cells: Record<(typeof COLUMNS)[number]['key'], string> = {
      no: `${f.fraction}`,
      date: dayText(start.localDate),
      weekday: weekdayOf(start.localDate, texts),
      time: `${start.localTime}–${end.localTime}`,
      room: f.roomName,
    };
    const y = doc.y;
    for (const c of COLUMNS) doc.text(cells[c.key], c.x, y, { width: c.width, lineBreak: false });
    doc.y = y + ROW;
  }
  doc.x = MARGIN;
  doc.moveDown();
  doc.font('bold').fontSize(12).text(texts.bringHeading, MARGIN, doc.y, { width });
  doc.font('regular').fontSize(10).list(texts.bringItems, { width, bulletRadius: 2 });
  doc.moveDown();
  doc.text(texts.arrive, MARGIN, doc.y, { width });
  doc.moveDown(0.5);
  doc.font('bold').text(`${texts.phone}: ${center.phone}`, { width });
  doc.end();
  return done;
}
