import { api, unwrap, unwrapPage } from './client';
import type { paths } from './schema';
import type { BoardView, CreateCourse, CreatePatient, Me } from './types';

const id = (value: string) => ({ params: { path: { id: value } } });

export const getMe = (): Promise<Me> => unwrap(api.GET('/api/v1/auth/me'));
export const login = (username: string, password: string) => unwrap(api.POST('/api/v1/auth/login', { body: { username, password } }));
export const logout = () => unwrap(api.POST('/api/v1/auth/logout'));

export const getCalendarZone = async () => (await unwrap(api.GET('/api/v1/calendar'))).timeZone;

export const getBoard = (date: string, days: number): Promise<BoardView> => unwrap(api.GET('/api/v1/board', { params: { query: { date, days } } }));

/** The list's query as the OpenAPI document types it (status and urgency may repeat; the console sends one). */
type CourseListQuery = paths['/api/v1/courses']['get']['parameters']['query'];
export type CourseFilters = {
  status?: string;
  urgency?: string;
  lateStart?: boolean;
  needsRebooking?: boolean;
  from?: string;
  to?: string;
  search?: string;
  limit: number;
  offset: number;
};

export const listCourses = (filters: CourseFilters) => unwrapPage(api.GET('/api/v1/courses', { params: { query: filters as CourseListQuery } }));
export const getCourse = (courseId: string) => unwrap(api.GET('/api/v1/courses/{id}', id(courseId)));
export const getCourseAppointments = (courseId: string) => unwrap(api.GET('/api/v1/courses/{id}/appointments', id(courseId)));
export const getCourseMoves = (courseId: string) => unwrap(api.GET('/api/v1/courses/{id}/moves', id(courseId)));
export const getPatient = (patientId: string) => unwrap(api.GET('/api/v1/patients/{id}', id(patientId)));
export const listPatientCourses = (patientId: string) => unwrapPage(api.GET('/api/v1/courses', { params: { query: { patientId, limit: 100, offset: 0 } } }));

export const createPatient = (body: CreatePatient) => unwrap(api.POST('/api/v1/patients', { body }));
export const createCourse = (body: CreateCourse) => unwrap(api.POST('/api/v1/courses', { body }));
export const submitCourse = (courseId: string) => unwrap(api.POST('/api/v1/courses/{id}/submit', id(courseId)));
export const cancelCourse = (courseId: string, reason: string) => unwrap(api.POST('/api/v1/courses/{id}/cancel', { ...id(courseId), body: reason ? { reason } : {} }));

export const deliverAppointment = (appointmentId: string) => unwrap(api.POST('/api/v1/appointments/{id}/deliver', id(appointmentId)));
export const missAppointment = (appointmentId: string) => unwrap(api.POST('/api/v1/appointments/{id}/miss', id(appointmentId)));
export const getAlternatives = (appointmentId: string) =>
  unwrap(api.GET('/api/v1/appointments/{id}/alternatives', { params: { path: { id: appointmentId }, query: { limit: 10 } } }));
export const moveAppointment = (appointmentId: string, target: { start: string; roomId: string; reason?: string }) =>
  unwrap(api.POST('/api/v1/appointments/{id}/move', { params: { path: { id: appointmentId } }, body: target }));

export const listMoves = (since: string, limit = 200) => unwrap(api.GET('/api/v1/moves', { params: { query: { since, limit } } }));

/** The patient's files are plain downloads (the session cookie rides along on a same-origin GET). */
export const courseFileUrl = (courseId: string, file: 'calendar.ics' | 'letter.pdf', lang: string) =>
  `/api/v1/courses/${encodeURIComponent(courseId)}/${file}?lang=${encodeURIComponent(lang)}`;
export const getCalendarLink = (patientId: string) => unwrap(api.GET('/api/v1/patients/{id}/calendar-link', id(patientId)));
export const issueCalendarLink = (patientId: string) => unwrap(api.POST('/api/v1/patients/{id}/calendar-link', id(patientId)));
export const revokeCalendarLink = (patientId: string) => unwrap(api.DELETE('/api/v1/patients/{id}/calendar-link', id(patientId)));
