import { demoCenter } from './demo-center';
import { resolveCourseDefaults } from './course-defaults';

describe('course defaults (SPEC §2)', () => {
  const center = demoCenter();
  it('fraction minutes: 30 adult, 40 child, 50 with anesthesia; beam 8 at offset 10; 5 per week', () => {
    const base = { id: 'c', earliestStart: '2027-03-01', fractions: 10 };
    expect(resolveCourseDefaults(base, center)).toMatchObject({
      fractionMinutes: 30,
      beamMinutes: 8,
      beamOffsetMinutes: 10,
      fractionsPerWeek: 5,
      urgency: 'ROUTINE',
    });
    expect(resolveCourseDefaults({ ...base, patientCategory: 'PEDIATRIC' }, center).fractionMinutes).toBe(40);
    expect(resolveCourseDefaults({ ...base, patientCategory: 'PEDIATRIC', requiresAnesthesia: true }, center).fractionMinutes).toBe(50);
  });

  it('dueStart counts working days (skipping weekends and holidays): EMERGENCY 1, URGENT 10, ROUTINE 20', () => {
    // Fri 2027-03-05 -> Mon 08 Mar is a holiday -> Tue 09 Mar.
    expect(resolveCourseDefaults({ id: 'e', earliestStart: '2027-03-05', fractions: 1, urgency: 'EMERGENCY' }, center).dueStart).toBe('2027-03-09');
    // 10 working days from Mon 2027-03-01: 02,03,04,05,09,10,11,12,15(holiday!)->16,17 ... 15 Mar is Constitution Day.
    expect(resolveCourseDefaults({ id: 'u', earliestStart: '2027-03-01', fractions: 1, urgency: 'URGENT' }, center).dueStart).toBe('2027-03-17');
    expect(resolveCourseDefaults({ id: 'r', earliestStart: '2027-06-01', fractions: 1 }, center).dueStart).toBe('2027-06-29');
  });
});
