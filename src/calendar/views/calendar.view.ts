import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OpenedDaysRescheduleView } from '../opened-days-follow-up';
import { WeeklyHoursDto } from '../dto/weekly-hours.dto';
import { DailyWindowDto } from '../../center/dto/daily-window.dto';

class AnesthesiaView {
  @ApiProperty({ type: WeeklyHoursDto }) windows!: WeeklyHoursDto;
  @ApiProperty() teams!: number;
}

/** OpenAPI description of GET/PUT /calendar responses (CenterSettings). */
export class CalendarView {
  @ApiProperty({ example: 'Asia/Almaty' }) timeZone!: string;
  @ApiProperty({ type: WeeklyHoursDto }) hours!: WeeklyHoursDto;
  @ApiProperty({ example: 30 }) qaMinutes!: number;
  @ApiProperty({ type: AnesthesiaView }) anesthesia!: AnesthesiaView;
  @ApiProperty() sharedBeam!: boolean;
  @ApiProperty({ enum: ['KZ', 'NONE'] }) holidays!: string;
  @ApiProperty({ type: DailyWindowDto, description: 'Rule 9: children are treated within these local hours' }) pediatricHours!: DailyWindowDto;
  @ApiProperty({ example: 26 }) horizonWeeks!: number;
  @ApiProperty({ example: 800 }) annualCapacity!: number;
  @ApiProperty({ example: 0.15 }) crossBorderShare!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ type: OpenedDaysRescheduleView, description: 'PUT only, when the change opens days that booked courses leave unused (rule 6)' })
  reschedule?: OpenedDaysRescheduleView;
}
