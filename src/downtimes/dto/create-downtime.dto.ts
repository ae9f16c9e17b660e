import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, registerDecorator, ValidationArguments } from 'class-validator';
import { IsInstantWithOffset } from '../../common/instant';
import { IsWellFormedText } from '../../common/text-rules';
import { DOWNTIME_KINDS, DowntimeKind } from '../downtime.entity';

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
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The room; null or absent: the whole beam line (every room)' })
  @IsOptional()
  @IsUUID()
  roomId?: string | null;

  @ApiProperty({ example: '2026-03-02T08:00:00+05:00', description: 'ISO 8601 instant with offset' })
  @IsInstantWithOffset()
  start!: string;

  @ApiProperty({ example: '2026-03-02T14:00:00+05:00', description: 'ISO 8601 instant with offset; after start' })
  @IsInstantWithOffset()
  @IsAfter('start')
  end!: string;

  @ApiProperty({ enum: DOWNTIME_KINDS, description: 'PLANNED maintenance or UNPLANNED breakdown' })
  @IsIn(DOWNTIME_KINDS, { message: `kind must be one of ${DOWNTIME_KINDS.join(', ')}` })
  kind!: DowntimeKind;

  @ApiPropertyOptional({ example: 'Gantry 2 bearing replacement', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsWellFormedText()
  reason?: string;
}
