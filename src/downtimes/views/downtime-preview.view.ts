import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OpenedDaysRescheduleView } from '../../calendar/opened-days-follow-up';
import { DowntimeView } from './downtime.view';

export class PreviewSlotView {
  @ApiProperty({ format: 'uuid' }) roomId!: string;
  @ApiProperty({ example: 'G2' }) roomName!: string;
  @ApiProperty({ format: 'date-time' }) start!: string;
  @ApiProperty({ format: 'date-time' }) end!: string;
}

export const PREVIEW_OUTCOMES = ['MOVED', 'CANCELLED', 'BOOKED'] as const;

export class PreviewFractionView {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The appointment that moves or is cancelled; null for a fraction booked anew' })
  appointmentId!: string | null;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty({ description: 'Fraction number within its course (1-based)' }) fraction!: number;
  @ApiProperty({ enum: PREVIEW_OUTCOMES, description: 'MOVED to `to`, CANCELLED (no place found), BOOKED anew at `to`' })
  outcome!: (typeof PREVIEW_OUTCOMES)[number];
  @ApiPropertyOptional({ type: PreviewSlotView, nullable: true }) from!: PreviewSlotView | null;
  @ApiPropertyOptional({ type: PreviewSlotView, nullable: true }) to!: PreviewSlotView | null;
  @ApiProperty({ description: 'true: the downtime hits this fraction; false: it moves to make room for one that is hit' }) hit!: boolean;
  @ApiProperty({ description: "The reason written in the fraction's move history" }) reason!: string;
}

export class CourseNoteView {
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty() reason!: string;
}

export class PreviewCourseView {
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty({ description: 'Fractions of the course that move' }) moved!: number;
  @ApiProperty({ description: 'Fractions of the course that are cancelled' }) cancelled!: number;
}

/** What declaring (or extending) a downtime would do, computed by the reschedule's own code and written nowhere. */
export class DowntimeReschedulePreviewView {
  @ApiProperty({ description: 'Booked fractions the downtime hits (beam time not over)' }) hit!: number;
  @ApiProperty({ description: "Existing appointments that would move (the reschedule summary's `moved`)" }) moved!: number;
  @ApiProperty({ description: "Fractions that would be cancelled, no place found (the summary's `cancelled`)" }) cancelled!: number;
  @ApiProperty({ type: [PreviewFractionView], description: 'Every fraction that would move or be cancelled, by course and fraction' })
  fractions!: PreviewFractionView[];
  @ApiProperty({ type: [PreviewCourseView] }) courses!: PreviewCourseView[];
  @ApiProperty({ type: [CourseNoteView], description: 'Courses not fully re-booked' }) unschedulable!: CourseNoteView[];
  @ApiProperty({ type: [CourseNoteView], description: 'Courses re-booked whole but with a week short of their count (rule 6)' }) interrupted!: CourseNoteView[];
  @ApiProperty({
    format: 'date-time',
    description: 'The instant the preview was computed for; the real reschedule runs later and may differ if bookings change meanwhile',
  })
  at!: string;
}

/** What shortening or withdrawing would open: days that fall free, and the last fractions the opened-days reschedule pulls onto them. */
export class OpenedDaysPreviewView {
  @ApiProperty({ example: ['2027-05-10'] }) openedDays!: string[];
  @ApiProperty({ description: 'Courses with an opened day unused between two fractions (rule 6)' }) coursesConcerned!: number;
  @ApiProperty({ type: [PreviewFractionView] }) fractions!: PreviewFractionView[];
  @ApiProperty({ type: [CourseNoteView] }) interrupted!: CourseNoteView[];
}

/** Preview of a change (PATCH) or withdrawal (DELETE): the part newly covered is rescheduled, the part freed is opened. */
export class DowntimeChangePreviewView {
  @ApiProperty({ type: DowntimeReschedulePreviewView, description: 'The fractions the changed downtime hits (none for a withdrawal or a pure shortening)' })
  reschedule!: DowntimeReschedulePreviewView;
  @ApiProperty({ type: OpenedDaysPreviewView }) opened!: OpenedDaysPreviewView;
}

export class RescheduleJobView {
  @ApiProperty() jobId!: string;
  @ApiProperty({ description: 'false when Redis was unreachable: the reconciler enqueues the PENDING reschedule later' }) queued!: boolean;
}

export class ChangedDowntimeView {
  @ApiProperty({ type: DowntimeView }) downtime!: DowntimeView;
  @ApiPropertyOptional({
    type: RescheduleJobView,
    nullable: true,
    description: 'The reschedule of the newly covered time (null when the change covers nothing new)',
  })
  reschedule!: RescheduleJobView | null;
  @ApiPropertyOptional({
    type: OpenedDaysRescheduleView,
    nullable: true,
    description: 'The time the change freed (null when it frees no day under a booked course)',
  })
  opened!: OpenedDaysRescheduleView | null;
}
