import { ApiProperty } from '@nestjs/swagger';
import { Matches, Validate, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

@ValidatorConstraint({ name: 'windowOrder' })
class FromBeforeTo implements ValidatorConstraintInterface {
  validate(to: unknown, args: ValidationArguments): boolean {
    const from = (args.object as DailyWindowDto).from;
    return typeof to !== 'string' || typeof from !== 'string' || !HHMM.test(from) || !HHMM.test(to) || from < to;
  }

  defaultMessage(): string {
    return 'to must be later than from';
  }
}

/** A local daily window (pediatric hours, a patient's preferred window): from before to, 'HH:mm' ('24:00' ends the day). */
export class DailyWindowDto {
  @ApiProperty({ example: '08:00' })
  @Matches(HHMM, { message: 'from must be a local time HH:mm' })
  from!: string;

  @ApiProperty({ example: '18:00' })
  @Matches(HHMM, { message: 'to must be a local time HH:mm' })
  @Validate(FromBeforeTo)
  to!: string;
}
