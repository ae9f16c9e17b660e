import type { components } from './schema';

type Schemas = components['schemas'];

/** Views the console reads. Where the generated schema has them they come from it; see endpoints.ts. */
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
export type AppointmentStatus = 'BOOKED' | 'DELIVERED' | 'MISSED' | 'CANCELLED';

export interface LocalInstant {
  start: string;
  localDate: string;
  localTime: string;
}

export interface PatientSummary {
  id: string;
  fullName: string;
  mrn?: string | null;
  birthDate?: string;
  countryCode?: string;
}

export interface CourseItem {
  id: string;
  patientId?: string;
  patient?: PatientSummary;
  diagnosisGroup: string;
  urgency: Urgency;
  status: CourseStatus;
  fractions: number;
  fractionsPerWeek?: number;
  fractionMinutes?: number;
  beamMinutes?: number;
  beamOffsetMinutes?: number;
  requiresAnesthesia?: boolean;
  earliestStart?: string;
  dueStart?: string;
  delivered?: number;
  booked?: number;
  firstFraction?: LocalInstant | null;
  lastFraction?: LocalInstant | null;
  lateStart?: boolean;
  needsRebooking?: boolean;
  pediatric?: boolean;
  reason?: string | null;
}

export interface CourseAppointment {
  id: string;
  courseId: string;
  fraction: number;
  roomId: string;
  roomName?: string;
  start: string;
  end: string;
  localDate?: string;
  localTime?: string;
  localEndTime?: string;
  status: AppointmentStatus;
}

export interface MoveRecord {
  id?: string;
  appointmentId?: string;
  fraction?: number;
  fractions?: number;
  courseId?: string;
  patient?: PatientSummary;
  oldStart?: string | null;
  oldLocalDate?: string | null;
  oldLocalTime?: string | null;
  oldRoomName?: string | null;
  newStart?: string | null;
  newLocalDate?: string | null;
  newLocalTime?: string | null;
  newRoomName?: string | null;
  reasonKind?: string;
  reason?: string | null;
  at?: string;
  localAt?: string;
}

export interface Alternative {
  roomId: string;
  roomName: string;
  start: string;
  end: string;
  localDate: string;
  localTime: string;
  sameDay: boolean;
  minutesFromCurrent: number;
  rank: number;
}

export interface Patient {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  sex: string;
  countryCode: string;
  mrn?: string | null;
}

export interface Me {
  userId: string;
  username: string;
  role: 'ADMIN' | 'COORDINATOR' | 'MINISTRY';
  countryCode?: string | null;
}
