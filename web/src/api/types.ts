import type { components, paths } from './schema';

type Schemas = components['schemas'];

/** The views the console reads, all from the generated OpenAPI schema (npm run api:types). */
export type BoardView = Schemas['BoardView'];
export type BoardAppointment = Schemas['BoardAppointmentView'];
export type DayInfo = Schemas['DayInfoView'];
export type RoomDay = Schemas['RoomDayView'];
export type Interval = Schemas['IntervalView'];
export type CreatePatient = Schemas['CreatePatientDto'];
export type CreateCourse = Schemas['CreateCourseDto'];

export const COURSE_STATUSES = ['DRAFT', 'QUEUED', 'SCHEDULED', 'UNSCHEDULABLE', 'IN_TREATMENT', 'COMPLETED', 'CANCELLED'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];
export const URGENCIES = ['EMERGENCY', 'URGENT', 'ROUTINE'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const DIAGNOSIS_GROUPS = ['CNS', 'HEAD_NECK', 'ONCOHEMATOLOGY', 'SARCOMA', 'THORAX', 'ABDOMEN_PELVIS', 'BREAST', 'OTHER'] as const;
export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export const NOTICE_LANGUAGES = ['kk', 'ru', 'ky', 'en', 'uz'] as const;
export const GUARDIAN_RELATIONS = ['mother', 'father', 'grandparent', 'sibling', 'legal-guardian', 'other'] as const;
export type AppointmentStatus = 'BOOKED' | 'DELIVERED' | 'MISSED' | 'CANCELLED';

export type LocalInstant = Schemas['FractionAtView'];
export type CourseItem = Schemas['CourseSummaryView'];
export type CourseAppointment = Schemas['AppointmentView'];
export type MoveRecord = Schemas['MoveView'];
export type Alternative = Schemas['AlternativeView'];
export type Patient = paths['/api/v1/patients/{id}']['get']['responses'][200]['content']['application/json'];

export type Me = Schemas['MeView'];
