import { api, unwrap, unwrapPage } from './client';
import type { Alternative, BoardView, CourseAppointment, CourseItem, CreateCourse, CreatePatient, Me, MoveRecord, Patient } from './types';

interface LooseResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}
interface LooseInit {
  params?: { path?: Record<string, string>; query?: Record<string, unknown> };
  body?: unknown;
}
/**
 * The same client without path typing, for routes whose OpenAPI response schema is not typed yet;
 * the views they return are described in types.ts after the API contract.
 */
const loose = api as unknown as {
  GET(path: string, init?: LooseInit): Promise<LooseResult>;
  POST(path: string, init?: LooseInit): Promise<LooseResult>;
};
const as = <T>(call: Promise<LooseResult>) => unwrap(call) as Promise<T>;
const id = (value: string) => ({ params: { path: { id: value } } });

export const getMe = () => as<Me>(loose.GET('/api/v1/auth/me'));
export const login = (username: string, password: string) => unwrap(api.POST('/api/v1/auth/login', { body: { username, password } }));
export const logout = () => unwrap(api.POST('/api/v1/auth/logout'));

export const getCalendarZone = async () => (await unwrap(api.GET('/api/v1/calendar'))).timeZone;

export const getBoard = (date: string, days: number) => unwrap(api.GET('/api/v1/board', { params: { query: { date, days } } })) as Promise<BoardView>;

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

export const listCourses = (filters: CourseFilters) =>
  unwrapPage(loose.GET('/api/v1/courses', { params: { query: filters } }) as Promise<{ data?: CourseItem[]; response: Response }>);
export const getCourse = (courseId: string) => as<CourseItem>(loose.GET('/api/v1/courses/{id}', id(courseId)));
export const getCourseAppointments = (courseId: string) => as<CourseAppointment[]>(loose.GET('/api/v1/courses/{id}/appointments', id(courseId)));
export const getCourseMoves = (courseId: string) => as<MoveRecord[]>(loose.GET('/api/v1/courses/{id}/moves', id(courseId)));
export const getPatient = (patientId: string) => as<Patient>(loose.GET('/api/v1/patients/{id}', id(patientId)));
export const listPatientCourses = (patientId: string) =>
  unwrapPage(loose.GET('/api/v1/courses', { params: { query: { patientId, limit: 100, offset: 0 } } }) as Promise<{ data?: CourseItem[]; response: Response }>);

export const createPatient = (body: CreatePatient) => as<Patient>(api.POST('/api/v1/patients', { body }));
export const createCourse = (body: CreateCourse) => as<CourseItem>(api.POST('/api/v1/courses', { body }));
export const submitCourse = (courseId: string) => as<CourseItem>(loose.POST('/api/v1/courses/{id}/submit', id(courseId)));
export const cancelCourse = (courseId: string, reason: string) =>
  as<CourseItem>(loose.POST('/api/v1/courses/{id}/cancel', { ...id(courseId), body: reason ? { reason } : {} }));

export const deliverAppointment = (appointmentId: string) => as<unknown>(loose.POST('/api/v1/appointments/{id}/deliver', id(appointmentId)));
export const missAppointment = (appointmentId: string) => as<unknown>(loose.POST('/api/v1/appointments/{id}/miss', id(appointmentId)));
export const getAlternatives = (appointmentId: string) =>
  as<Alternative[]>(loose.GET('/api/v1/appointments/{id}/alternatives', { ...id(appointmentId), params: { path: { id: appointmentId }, query: { limit: 10 } } }));
export const moveAppointment = (appointmentId: string, target: { start: string; roomId: string; reason?: string }) =>
  as<unknown>(api.POST('/api/v1/appointments/{id}/move', { params: { path: { id: appointmentId } }, body: target }));

export const listMoves = (since: string, limit = 200) => as<MoveRecord[]>(loose.GET('/api/v1/moves', { params: { query: { since, limit } } }));
