import { ApiProperty } from '@nestjs/swagger';
import type { Actor } from '../../common/request-context';
import { countryTimeZone } from '../../countries/country-time-zone';

/** Who is signed in, and the zone their own clock shows: a ministry reads deadlines in its hours, the center in its own. */
export class MeView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ enum: ['ADMIN', 'COORDINATOR', 'MINISTRY'] }) role!: 'ADMIN' | 'COORDINATOR' | 'MINISTRY';
  @ApiProperty({ type: String, nullable: true, example: 'KG', description: "A ministry's country; null for the center's staff" })
  countryCode!: string | null;
  @ApiProperty({ example: 'Asia/Bishkek', description: "The user's own time zone: the ministry's country's, or the center's for its staff" })
  timeZone!: string;
  @ApiProperty({ example: 'Asia/Almaty', description: "The center's time zone (where the fractions happen)" })
  centerTimeZone!: string;
}

export function toMeView(actor: Actor, centerTimeZone: string): MeView {
  return {
    userId: actor.userId ?? '',
    username: actor.username,
    role: actor.role as MeView['role'],
    countryCode: actor.countryCode,
    timeZone: actor.countryCode ? countryTimeZone(actor.countryCode, centerTimeZone) : centerTimeZone,
    centerTimeZone,
  };
}
