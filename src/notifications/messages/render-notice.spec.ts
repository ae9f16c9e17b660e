import type { OutboxEvent } from '../notification-kinds';
import { renderPatientNotice } from './render-notice';

function moved(appointmentId: string, fraction: number, from: string, to: string, reason = 'Downtime of G1 (magnet quench)'): OutboxEvent {
  return {
    id: `${appointmentId}-${to}`,
    type: 'fraction.moved',
    patientId: 'p',
    courseId: 'c',
    referralId: null,
    reservationId: null,
    countryCode: null,
    payload: { appointmentId, fraction, fromStart: from, toStart: to, reason, movedBy: 'system' },
    occurredAt: new Date(),
  };
}

describe('renderPatientNotice', () => {
  const to = { name: 'Aigerim Testova', patientName: null };

  it('writes one line per moved fraction in the center zone, with a translated reason', () => {
    const n = renderPatientNotice('ru', 'Asia/Almaty', to, [
      moved('a1', 3, '2027-03-10T04:00:00Z', '2027-03-11T05:30:00Z'),
      moved('a2', 4, '2027-03-11T04:00:00Z', '2027-03-12T05:30:00Z'),
    ]);
    expect(n.subject).toBe('Beamtime: ваше расписание лечения');
    expect(n.text).toContain('Сеанс 3 перенесён с 10.03.2027, 09:00 на 11.03.2027, 10:30 (техническое обслуживание оборудования)');
    expect(n.text).toContain('Сеанс 4 перенесён');
    expect(n.sms).toContain('(и ещё 1)');
  });

  it('shows a fraction moved twice once, from its first place to its last', () => {
    const n = renderPatientNotice('en', 'Asia/Almaty', to, [
      moved('a1', 3, '2027-03-10T04:00:00Z', '2027-03-11T05:30:00Z'),
      moved('a1', 3, '2027-03-11T05:30:00Z', '2027-03-12T06:00:00Z'),
    ]);
    expect(n.text.match(/Session 3/g)).toHaveLength(1);
    expect(n.text).toContain('from 10/03/2027, 09:00 to 12/03/2027, 11:00');
  });

  it('greets a guardian and names the child, in Kazakh, Kyrgyz and Uzbek', () => {
    const guardian = { name: 'Gulnara', patientName: 'Aibek' };
    expect(renderPatientNotice('kk', 'Asia/Almaty', guardian, [moved('a1', 1, '2027-03-10T04:00:00Z', '2027-03-11T05:30:00Z')]).text).toMatch(
      /Құрметті Gulnara!\nХабарлама мына пациентке қатысты: Aibek\./,
    );
    expect(renderPatientNotice('ky', 'Asia/Almaty', guardian, []).text).toContain('Урматтуу Gulnara!');
    expect(renderPatientNotice('uz', 'Asia/Almaty', guardian, []).text).toContain('Hurmatli Gulnara!');
  });
});
