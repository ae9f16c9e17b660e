import { demoCenter } from '../defaults/demo-center';
import { busyStretch } from '../testing/busy-stretch';
import { CourseSearch } from './course-search';
import { CorePlanner } from './planner';

type WalkFn = (this: CourseSearch, search: { deadEnd?: boolean }, ...rest: unknown[]) => unknown;

/**
 * A day's candidate starts stop being walked once one walk met a treatment day with no slot at
 * all for the course: every walk from that day meets the same days, so the others would die there
 * too. Checked here by booking the same busy 20 weeks twice, once with every candidate walked, and
 * requiring the same answer for every course, with enough walks stopped that the shortcut mattered.
 */
describe('stopping a day’s walks at a day without a slot changes no allocation', () => {
  const center = demoCenter();
  const courses = busyStretch(center, { seed: 11, weeks: 20, perYear: 900 });

  it('gives every course of 20 busy weeks the same answer as walking every candidate', () => {
    const proto = CourseSearch.prototype as unknown as { walk: WalkFn };
    const walk = proto.walk;
    const withShortcut = new CorePlanner(center, []);
    const exhaustive = new CorePlanner(center, []);
    let deadEnds = 0;
    let walks = 0;
    const spy = jest.spyOn(proto, 'walk');
    for (const course of courses) {
      spy.mockImplementation(function (this: CourseSearch, search, ...rest) {
        walks++;
        const trial = walk.call(this, search, ...rest);
        if (search.deadEnd) deadEnds++;
        return trial;
      });
      const expected = withShortcut.allocate(course, { now: course.arrival });
      spy.mockImplementation(function (this: CourseSearch, search, ...rest) {
        const trial = walk.call(this, search, ...rest);
        search.deadEnd = false;
        return trial;
      });
      expect(exhaustive.allocate(course, { now: course.arrival })).toEqual(expected);
    }
    spy.mockRestore();
    expect(courses.length).toBeGreaterThan(300);
    expect(deadEnds).toBeGreaterThan(100);
    expect(walks).toBeGreaterThan(deadEnds);
  });
});
