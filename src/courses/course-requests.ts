import { EntityManager, In } from 'typeorm';
import { Course } from './course.entity';
import { toCourseRequest } from './course-request.mapper';
import { Patient } from '../patients/patient.entity';
import type { CourseRequest } from '../scheduling';

/** The courses as the core takes them: each with its patient's birth date (adult or child on its start). */
export async function courseRequests(m: EntityManager, courses: Course[]): Promise<CourseRequest[]> {
  if (courses.length === 0) return [];
  const patients = await m.getRepository(Patient).findBy({ id: In([...new Set(courses.map((c) => c.patientId))]) });
  const birth = new Map(patients.map((p) => [p.id, p.birthDate]));
  return courses.map((c) => toCourseRequest(c, birth.get(c.patientId)!));
}
