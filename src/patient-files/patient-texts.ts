import type { Language } from '../common/i18n';

/**
 * What the patient reads in the letter and the calendar, in each language the API speaks. Unlike
 * problem texts (English written by the services, translations beside it), every language here is
 * complete: a patient's letter never falls back to another language mid-page.
 */
export interface PatientTexts {
  letterTitle: string;
  greeting: (name: string) => string;
  intro: string;
  patient: string;
  birthDate: string;
  center: string;
  address: string;
  phone: string;
  firstFraction: (date: string, time: string) => string;
  schedule: string;
  columns: { no: string; date: string; weekday: string; time: string; room: string };
  bringHeading: string;
  bringItems: string[];
  arrive: string;
  localTimes: (zone: string) => string;
  /** Monday first. */
  weekdays: [string, string, string, string, string, string, string];
  calendarName: string;
  eventSummary: (fraction: number, of: number) => string;
  room: string;
}

export const PATIENT_TEXTS: Record<Language, PatientTexts> = {
  en: {
    letterTitle: 'Your proton therapy appointments',
    greeting: (name) => `Dear ${name},`,
    intro: 'You are booked for a course of proton therapy at our center. Please come at the times below.',
    patient: 'Patient',
    birthDate: 'Date of birth',
    center: 'Center',
    address: 'Address',
    phone: 'Contact phone',
    firstFraction: (date, time) => `Your first session: ${date} at ${time}`,
    schedule: 'Your sessions',
    columns: { no: 'No.', date: 'Date', weekday: 'Day', time: 'Time', room: 'Room' },
    bringHeading: 'What to bring',
    bringItems: [
      'an identity document (passport or ID card)',
      'this letter',
      'your referral and medical records (earlier scans, discharge summaries)',
      'a list of the medicines you take',
      "for a child: the birth certificate and the accompanying parent's or guardian's ID",
    ],
    arrive: 'Please arrive 15 minutes before each session. If you cannot come, call us as soon as you can.',
    localTimes: (zone) => `All times are the center's local time (${zone}).`,
    weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
    calendarName: 'Proton therapy',
    eventSummary: (n, of) => `Proton therapy, session ${n} of ${of}`,
    room: 'Room',
  },
  ru: {
    letterTitle: 'Приглашение на сеансы протонной терапии',
    greeting: (name) => `Уважаемый(ая) ${name}!`,
    intro: 'Вы записаны на курс протонной терапии в нашем центре. Пожалуйста, приходите в указанное ниже время.',
    patient: 'Пациент',
    birthDate: 'Дата рождения',
    center: 'Центр',
    address: 'Адрес',
    phone: 'Контактный телефон',
    firstFraction: (date, time) => `Первый сеанс: ${date}, в ${time}`,
    schedule: 'Расписание сеансов',
    columns: { no: '№', date: 'Дата', weekday: 'День недели', time: 'Время', room: 'Кабинет' },
    bringHeading: 'Что взять с собой',
    bringItems: [
      'документ, удостоверяющий личность (паспорт или удостоверение)',
      'это письмо',
      'направление и медицинские документы (прежние исследования, выписки)',
      'список принимаемых лекарств',
      'для ребёнка: свидетельство о рождении и документ сопровождающего родителя (опекуна)',
    ],
    arrive: 'Приходите за 15 минут до каждого сеанса. Если не можете прийти, сообщите нам как можно скорее.',
    localTimes: (zone) => `Время указано местное, по часовому поясу центра (${zone}).`,
    weekdays: ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота', 'Воскресенье'],
    calendarName: 'Протонная терапия',
    eventSummary: (n, of) => `Протонная терапия, сеанс ${n} из ${of}`,
    room: 'Кабинет',
  },
  kk: {
    letterTitle: 'Протондық терапия сеанстарына шақыру',
    greeting: (name) => `Құрметті ${name}!`,
    intro: 'Сіз біздің орталықта протондық терапия курсына жазылдыңыз. Төмендегі уақытта келуіңізді сұраймыз.',
    patient: 'Пациент',
    birthDate: 'Туған күні',
    center: 'Орталық',
    address: 'Мекенжайы',
    phone: 'Байланыс телефоны',
    firstFraction: (date, time) => `Алғашқы сеанс: ${date}, сағат ${time}`,
    schedule: 'Сеанстар кестесі',
    columns: { no: '№', date: 'Күні', weekday: 'Апта күні', time: 'Уақыты', room: 'Кабинет' },
    bringHeading: 'Өзіңізбен бірге алып келіңіз',
    bringItems: [
      'жеке басын куәландыратын құжат (паспорт немесе жеке куәлік)',
      'осы хат',
      'жолдама және медициналық құжаттар (бұрынғы зерттеулер, үзінділер)',
      'қабылдап жүрген дәрілеріңіздің тізімі',
      'бала үшін: туу туралы куәлік және ілесіп жүрген ата-ананың (қамқоршының) құжаты',
    ],
    arrive: 'Әр сеансқа 15 минут бұрын келіңіз. Келе алмасаңыз, бізге мүмкіндігінше тезірек хабарласыңыз.',
    localTimes: (zone) => `Барлық уақыт орталықтың жергілікті уақытымен көрсетілген (${zone}).`,
    weekdays: ['Дүйсенбі', 'Сейсенбі', 'Сәрсенбі', 'Бейсенбі', 'Жұма', 'Сенбі', 'Жексенбі'],
    calendarName: 'Протондық терапия',
    eventSummary: (n, of) => `Протондық терапия, ${n}-сеанс (барлығы ${of})`,
    room: 'Кабинет',
  },
  ky: {
    letterTitle: 'Протондук терапия сеанстарына чакыруу',
    greeting: (name) => `Урматтуу ${name}!`,
    intro: 'Сиз биздин борбордо протондук терапия курсуна жазылдыңыз. Төмөнкү убакта келүүңүздү суранабыз.',
    patient: 'Бейтап',
    birthDate: 'Туулган күнү',
    center: 'Борбор',
    address: 'Дареги',
    phone: 'Байланыш телефону',
    firstFraction: (date, time) => `Биринчи сеанс: ${date}, саат ${time}`,
    schedule: 'Сеанстардын графиги',
    columns: { no: '№', date: 'Күнү', weekday: 'Жуманын күнү', time: 'Убактысы', room: 'Кабинет' },
    bringHeading: 'Өзүңүз менен алып келиңиз',
    bringItems: [
      'инсандыгын тастыктаган документ (паспорт же ID-карта)',
      'ушул кат',
      'жолдомо жана медициналык документтер (мурунку изилдөөлөр, көчүрмөлөр)',
      'ичип жүргөн дарыларыңыздын тизмеси',
      'бала үчүн: туулгандыгы тууралуу күбөлүк жана коштоп жүргөн ата-эненин (камкорчунун) документи',
    ],
    arrive: 'Ар бир сеанска 15 мүнөт эрте келиңиз. Келе албасаңыз, бизге мүмкүн болушунча тезирээк кабарлаңыз.',
    localTimes: (zone) => `Бардык убакыт борбордун жергиликтүү убактысы менен көрсөтүлгөн (${zone}).`,
    weekdays: ['Дүйшөмбү', 'Шейшемби', 'Шаршемби', 'Бейшемби', 'Жума', 'Ишемби', 'Жекшемби'],
    calendarName: 'Протондук терапия',
    eventSummary: (n, of) => `Протондук терапия, ${n}-сеанс (бардыгы ${of})`,
    room: 'Кабинет',
  },
};
