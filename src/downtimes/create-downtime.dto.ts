import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, registerDecorator, ValidationArguments } from 'class-validator';
import { DOWNTIME_KINDS, DowntimeKind } from './downtime.entity';

/** An instant must say which zone it is in; "10:00" alone would be read in the server's zone. */
export const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const MAX_DAYS = 366;

function IsAfter(property: string): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isAfter',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [property],
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const other = (args.object as Record<string, unknown>)[property];
          if (typeof value !== 'string' || typeof other !== 'string') return true; // format errors are reported by the other rules
          const [a, b] = [Date.parse(other), Date.parse(value)];
          if (Number.isNaN(a) || Number.isNaN(b)) return true;
          return b > a && b - a <= MAX_DAYS * 86_400_000;
        },
        defaultMessage: (args: ValidationArguments) => `${args.property} must be after ${property} and at most ${MAX_DAYS} days later`,
      },
    });
}

export class CreateDowntimeDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The room; null or absent: the whole beam line (every room)' })
  @IsOptional()
  @IsUUID()
  roomId?: string | null;

  @ApiProperty({ example: '2026-03-02T08:00:00+05:00', description: 'ISO 8601 instant with offset' })
  @IsISO8601({ strict: true })
  @Matches(INSTANT_WITH_OFFSET, { message: 'start must be an ISO 8601 date-time with an offset or Z' })
  start!: string;

  @ApiProperty({ example: '2026-03-02T14:00:00+05:00', description: 'ISO 8601 instant with offset; after start' })
  @IsISO8601({ strict: true })
  @Matches(INSTANT_WITH_OFFSET, { message: 'end must be an ISO 8601 date-time with an offset or Z' })
  @IsAfter('start')
  end!: string;

  @ApiProperty({ enum: DOWNTIME_KINDS, description: 'PLANNED maintenance or UNPLANNED breakdown' })
  @IsIn(DOWNTIME_KINDS, { message: `kind must be one of ${DOWNTIME_KINDS.join(', ')}` })
  kind!: DowntimeKind;

  @ApiPropertyOptional({ example: 'Gantry 2 bearing replacement', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
