import type { MoveReasonKind } from '../../appointments/move-reason';
import type { NoticeLanguage } from '../../patients/patient-contact';

/** The texts of a patient's notice in one language. */
export interface NoticeTexts {
  /** BCP 47 tag for Intl date formatting. */
  locale: string;
  subject: string;
  greeting(name: string): string;
  about(patient: string): string;
  scheduled(fractions: number, first: string): string;
  moved(fraction: number, from: string, to: string, reason: string): string;
  booked(fraction: number, to: string): string;
  fractionCancelled(fraction: number, when: string): string;
  courseCancelled: string;
  reasons: Record<MoveReasonKind, string>;
  closing: string;
  more(count: number): string;
}

export const NOTICE_TEXTS: Record<NoticeLanguage, NoticeTexts> = {
  en: {
    locale: 'en-GB',
    subject: 'Beamtime: your treatment schedule',
    greeting: (name) => `Dear ${name},`,
    about: (patient) => `This message is about ${patient}.`,
    scheduled: (n, first) => `Your course of ${n} sessions is scheduled. The first session is on ${first}.`,
    moved: (f, from, to, reason) => `Session ${f} has moved from ${from} to ${to} (${reason}).`,
    booked: (f, to) => `Session ${f} is booked on ${to}.`,
    fractionCancelled: (f, when) => `Session ${f} on ${when} is cancelled; the center will contact you.`,
    courseCancelled: 'Your course of treatment has been cancelled. The center will contact you.',
    reasons: {
      DOWNTIME: 'equipment maintenance',
      EARLY_START: 'an earlier place became free',
      MISSED: 'a missed session is given again',
      OPENED_DAY: 'the center opened an additional day',
      SHIFT: 'the time was moved within the same day to make room for an urgent patient',
      EMERGENCY: 'an emergency patient',
      REBOOKED: 'booked again',
      MANUAL: 'changed by the center',
      OTHER: 'schedule change',
    },
    closing: 'If the new time does not suit you, please call the center.',
    more: (n) => `(+${n} more)`,
  },
  ru: {
    locale: 'ru',
    subject: 'Beamtime: ваше расписание лечения',
    greeting: (name) => `Здравствуйте, ${name}!`,
    about: (patient) => `Сообщение касается пациента: ${patient}.`,
    scheduled: (n, first) => `Ваш курс из ${n} сеансов запланирован. Первый сеанс: ${first}.`,
    moved: (f, from, to, reason) => `Сеанс ${f} перенесён с ${from} на ${to} (${reason}).`,
    booked: (f, to) => `Сеанс ${f} назначен на ${to}.`,
    fractionCancelled: (f, when) => `Сеанс ${f} (${when}) отменён; центр свяжется с вами.`,
    courseCancelled: 'Ваш курс лечения отменён. Центр свяжется с вами.',
    reasons: {
      DOWNTIME: 'техническое обслуживание оборудования',
      EARLY_START: 'освободилось более раннее время',
      MISSED: 'пропущенный сеанс проводится повторно',
      OPENED_DAY: 'центр открыл дополнительный день',
      SHIFT: 'время сдвинуто в пределах того же дня, чтобы принять срочного пациента',
      EMERGENCY: 'экстренный пациент',
      REBOOKED: 'повторная запись',
      MANUAL: 'изменено центром',
      OTHER: 'изменение расписания',
    },
    closing: 'Если новое время вам не подходит, позвоните в центр.',
    more: (n) => `(и ещё ${n})`,
  },
  kk: {
    locale: 'kk',
    subject: 'Beamtime: емдеу кестеңіз',
    greeting: (name) => `Құрметті ${name}!`,
    about: (patient) => `Хабарлама мына пациентке қатысты: ${patient}.`,
    scheduled: (n, first) => `${n} сеанстан тұратын емдеу курсыңыз жоспарланды. Бірінші сеанс: ${first}.`,
    moved: (f, from, to, reason) => `${f}-сеанс ${from} уақытынан ${to} уақытына ауыстырылды (${reason}).`,
    booked: (f, to) => `${f}-сеанс ${to} уақытына белгіленді.`,
    fractionCancelled: (f, when) => `${f}-сеанс (${when}) болдырылмады; орталық сізбен хабарласады.`,
    courseCancelled: 'Емдеу курсыңыз болдырылмады. Орталық сізбен хабарласады.',
    reasons: {
      DOWNTIME: 'жабдыққа техникалық қызмет көрсету',
      EARLY_START: 'ертерек уақыт босады',
      MISSED: 'өткізіп алынған сеанс қайта өткізіледі',
      OPENED_DAY: 'орталық қосымша күн ашты',
      SHIFT: 'шұғыл пациентке орын босату үшін уақыт сол күн ішінде жылжытылды',
      EMERGENCY: 'шұғыл пациент',
      REBOOKED: 'қайта жазылу',
      MANUAL: 'орталық өзгертті',
      OTHER: 'кесте өзгерді',
    },
    closing: 'Жаңа уақыт сізге ыңғайсыз болса, орталыққа қоңырау шалыңыз.',
    more: (n) => `(тағы ${n})`,
  },
  ky: {
    locale: 'ky',
    subject: 'Beamtime: дарылоо графигиңиз',
    greeting: (name) => `Урматтуу ${name}!`,
    about: (patient) => `Билдирүү бул бейтапка тиешелүү: ${patient}.`,
    scheduled: (n, first) => `${n} сеанстан турган дарылоо курсуңуз пландалды. Биринчи сеанс: ${first}.`,
    moved: (f, from, to, reason) => `${f}-сеанс ${from} убактысынан ${to} убактысына жылдырылды (${reason}).`,
    booked: (f, to) => `${f}-сеанс ${to} убактысына белгиленди.`,
    fractionCancelled: (f, when) => `${f}-сеанс (${when}) жокко чыгарылды; борбор сиз менен байланышат.`,
    courseCancelled: 'Дарылоо курсуңуз жокко чыгарылды. Борбор сиз менен байланышат.',
    reasons: {
      DOWNTIME: 'жабдууну техникалык тейлөө',
      EARLY_START: 'эртерээк убакыт бошоду',
      MISSED: 'өткөрүп жиберилген сеанс кайра өткөрүлөт',
      OPENED_DAY: 'борбор кошумча күн ачты',
      SHIFT: 'шашылыш бейтапка орун бошотуу үчүн убакыт ошол эле күндүн ичинде жылдырылды',
      EMERGENCY: 'шашылыш бейтап',
      REBOOKED: 'кайра жазылуу',
      MANUAL: 'борбор өзгөрттү',
      OTHER: 'график өзгөрдү',
    },
    closing: 'Жаңы убакыт сизге ылайык келбесе, борборго чалыңыз.',
    more: (n) => `(дагы ${n})`,
  },
  uz: {
    locale: 'uz',
    subject: 'Beamtime: davolanish jadvalingiz',
    greeting: (name) => `Hurmatli ${name}!`,
    about: (patient) => `Xabar quyidagi bemorga tegishli: ${patient}.`,
    scheduled: (n, first) => `${n} seansdan iborat davolanish kursingiz rejalashtirildi. Birinchi seans: ${first}.`,
    moved: (f, from, to, reason) => `${f}-seans ${from} dan ${to} ga ko‘chirildi (${reason}).`,
    booked: (f, to) => `${f}-seans ${to} ga belgilandi.`,
    fractionCancelled: (f, when) => `${f}-seans (${when}) bekor qilindi; markaz siz bilan bog‘lanadi.`,
    courseCancelled: 'Davolanish kursingiz bekor qilindi. Markaz siz bilan bog‘lanadi.',
    reasons: {
      DOWNTIME: 'uskunaga texnik xizmat ko‘rsatish',
      EARLY_START: 'ertaroq vaqt bo‘shadi',
      MISSED: 'o‘tkazib yuborilgan seans qayta o‘tkaziladi',
      OPENED_DAY: 'markaz qo‘shimcha kun ochdi',
      SHIFT: 'shoshilinch bemorga joy ochish uchun vaqt o‘sha kun ichida surildi',
      EMERGENCY: 'shoshilinch bemor',
      REBOOKED: 'qayta yozilish',
      MANUAL: 'markaz tomonidan o‘zgartirildi',
      OTHER: 'jadval o‘zgardi',
    },
    closing: 'Agar yangi vaqt sizga mos kelmasa, markazga qo‘ng‘iroq qiling.',
    more: (n) => `(yana ${n})`,
  },
};
