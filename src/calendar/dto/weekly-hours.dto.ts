import { ApiProperty } from '@nestjs/swagger';
import { IsDayIntervals } from '../weekly-hours';

const day = (example: Array<[string, string]> | null) =>
  ApiProperty({
    nullable: true,
    type: 'array',
    items: { type: 'array', items: { type: 'string', pattern: '^\\d{2}:\\d{2}$' }, minItems: 2, maxItems: 2 },
    example,
    description: 'Open intervals ["HH:mm","HH:mm"] in the center time zone; null when closed',
  });

/** Intervals per weekday; every day must be present (null when closed). */
export class WeeklyHoursDto {
  @day([['07:00', '23:00']]) @IsDayIntervals() mon!: Array<[string, string]> | null;
  @day([['07:00', '23:00']]) @IsDayIntervals() tue!: Array<[string, string]> | null;
  @day([['07:00', '23:00']]) @IsDayIntervals() wed!: Array<[string, string]> | null;
  @day([['07:00', '23:00']]) @IsDayIntervals() thu!: Array<[string, string]> | null;
  @day([['07:00', '23:00']]) @IsDayIntervals() fri!: Array<[string, string]> | null;
  @day(null) @IsDayIntervals() sat!: Array<[string, string]> | null;
  @day(null) @IsDayIntervals() sun!: Array<[string, string]> | null;
}
