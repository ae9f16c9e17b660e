import { Transform } from 'class-transformer';

/**
 * For integer query parameters: only plain decimal digits become a number. Number() (and
 * @Type(() => Number)) would also read "0x10" as 16, "1e3" as 1000 and "" as 0; anything else
 * stays a string and fails @IsInt with a 400.
 */
export const DecimalInt = (): PropertyDecorator => Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value));
