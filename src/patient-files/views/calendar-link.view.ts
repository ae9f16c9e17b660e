import { ApiProperty } from '@nestjs/swagger';

/** Whether a patient has a live subscription link (the token is never readable again after issue). */
export class CalendarLinkStatusView {
  @ApiProperty({ type: Boolean })
  active!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the live link was issued' })
  issuedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Who issued the live link' })
  issuedBy!: string | null;
}

/** A newly issued link: the only time its token is shown. */
export class IssuedCalendarLinkView extends CalendarLinkStatusView {
  @ApiProperty({ type: String, description: 'Path of the subscription feed under the API, token included' })
  path!: string;

  @ApiProperty({ type: String, description: 'The same as an absolute https/http URL for a phone calendar' })
  url!: string;

  @ApiProperty({ type: String, description: 'The same with the webcal: scheme, which phones open as a subscription' })
  webcalUrl!: string;
}
