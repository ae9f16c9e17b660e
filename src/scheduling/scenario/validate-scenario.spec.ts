import { generateScenario } from './generate-scenario';
import { validateScenario } from './validate-scenario';

const minimal = () => ({
  horizon: { from: '2027-03-01', to: '2027-03-31' },
  courses: [{ id: 'A', arrival: '2027-03-01T09:00:00+05:00', fractions: 5 }],
});

describe('scenario validation (what npm run plan and npm run forecast refuse, with the path to fix)', () => {
  it('accepts the generated years and a minimal file that leaves everything else to the defaults', () => {
    for (const seed of [1, 2]) expect(validateScenario(generateScenario({ courses: 120, year: 2027, seed }))).toEqual([]);
    expect(validateScenario(minimal())).toEqual([]);
    expect(validateScenario({ ...minimal(), courses: [] })).toEqual([]);
  });

  it("carries issue #20's fields: pediatric hours, a patient's birth date, unavailable dates and preferred window", () => {
    expect(validateScenario(generateScenario({ courses: 120, year: 2027, seed: 1, patientWindowsShare: 0.3 }))).toEqual([]);
    const course = {
      id: 'A',
      arrival: '2027-03-01T09:00:00+05:00',
      fractions: 5,
      patientCategory: 'PEDIATRIC',
      birthDate: '2015-06-01',
      unavailableDates: ['2027-03-04'],
      preferredWindow: { from: '09:00', to: '12:00' },
    };
    expect(validateScenario({ ...minimal(), calendar: { hours: { mon: ['07:00', '23:00'] }, pediatricHours: ['08:00', '18:00'] }, courses: [course] })).toEqual(
      [],
    );
    const wrong = validateScenario({
      ...minimal(),
      calendar: { hours: { mon: ['07:00', '23:00'] }, pediatricHours: ['18:00', '08:00'] },
      courses: [{ ...course, birthDate: '2015-13-01', unavailableDates: ['soon'], preferredWindow: { from: '12:00', to: '9:00' } }],
    });
    expect(wrong).toEqual([
      'calendar.pediatricHours: from must be before to',
      'courses[0].birthDate: must be a YYYY-MM-DD date',
      expect.stringMatching(/^courses\[0\]\.unavailableDates/),
      'courses[0].preferredWindow: must be { "from": "HH:mm", "to": "HH:mm" }',
    ]);
  });

  it('names each wrong field by its path', () => {
    const bad = {
      timezone: 'Asia/Astana-ish',
      horizon: { from: '2027-04-01', to: '2027-03-01' },
      rooms: [
        { id: 'G1', kind: 'GANTRY' },
        { id: 'G1', kind: 'PHOTON' },
      ],
      calendar: {
        hours: {
          mon: ['07:00', '23:00'],
          tue: [
            ['07:00', '12:00'],
            ['13:00', '12:30'],
          ],
          wed: ['7am', '11pm'],
          funday: null,
        },
        qaMinutes: -5,
        anesthesia: { teams: 1.5 },
        closures: ['2027-02-30'],
        holidays: 'RU',
      },
      sharedBeam: 'yes',
      downtimes: [
        { roomId: 'G9', start: '2027-03-02T08:00:00+05:00', end: '2027-03-02T09:00:00+05:00' },
        { roomId: null, start: '2027-03-02T09:00:00', end: '2027-03-02T08:00:00+05:00' },
        { roomId: null, start: '2027-03-03T09:00:00+05:00', end: '2027-03-03T08:00:00+05:00' },
      ],
      courses: [
        { id: 'A', arrival: '2027-03-01T09:00:00+05:00', fractions: 'x', urgency: 'SOON', fractionMinutes: 15 },
        { id: 'A', arrival: 'yesterday', fractions: 46, fractionsPerWeek: 6, roomKinds: ['PROTON'], earliestStart: '01.03.2027', requiresAnesthesia: 'no' },
        { id: 'C', arrival: '2027-03-01T09:00:00Z', patientCategory: 'CHILD' },
        'D',
      ],
    };
    expect(validateScenario(bad)).toEqual([
      'timezone: "Asia/Astana-ish" is not an IANA time zone',
      'horizon: from must not be after to',
      'rooms[1].id: G1 is listed twice',
      'rooms[1].kind: must be one of "GANTRY", "FIXED_BEAM"',
      'calendar.hours.tue[1]: must start before it ends',
      'calendar.hours.wed: not an HH:MM time: 7am',
      'calendar.hours.funday: not a weekday (mon, tue, wed, thu, fri, sat, sun)',
      'calendar.qaMinutes: must be a whole number from 0 to 600',
      'calendar.anesthesia.teams: must be a whole number from 0 to 20',
      'calendar.closures[0]: must be a YYYY-MM-DD date',
      'calendar.holidays: must be one of "KZ", false',
      'sharedBeam: must be one of true, false',
      "downtimes[0].roomId: must be null (the whole beam line) or one of the scenario's room ids",
      'downtimes[1]: start and end must be ISO 8601 instants with an offset',
      'downtimes[2]: end must be after start',
      'courses[0].fractions: must be a whole number from 1 to 45',
      'courses[0].urgency: must be one of "EMERGENCY", "URGENT", "ROUTINE"',
      'courses[0]: the beam (offset + minutes = 18) must end within fractionMinutes (15)',
      'courses[1].id: A is used by an earlier course',
      'courses[1].arrival: must be an ISO 8601 instant with an offset, e.g. 2027-03-01T09:00:00+05:00',
      'courses[1].fractions: must be a whole number from 1 to 45',
      'courses[1].fractionsPerWeek: must be a whole number from 1 to 5',
      'courses[1].requiresAnesthesia: must be one of true, false',
      'courses[1].roomKinds: must be a list of GANTRY, FIXED_BEAM',
      'courses[1].earliestStart: must be a YYYY-MM-DD date',
      'courses[2].fractions: is required',
      'courses[2].patientCategory: must be one of "ADULT", "PEDIATRIC"',
      'courses[3]: must be an object',
    ]);
  });

  it('refuses what is not a scenario at all', () => {
    expect(validateScenario([])).toEqual(['the scenario must be a JSON object']);
    expect(validateScenario({})).toEqual(['horizon: must be { "from": "YYYY-MM-DD", "to": "YYYY-MM-DD" }', 'courses: must be a list (it may be empty)']);
  });
});
