import { ApiProperty } from '@nestjs/swagger';
import type { Role } from '../../common/request-context';
import type { User } from '../user.entity';

/** What the API shows of an account: never the password hash. */
export class UserView {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ enum: ['ADMIN', 'COORDINATOR', 'MINISTRY'] }) role!: Role;
  @ApiProperty({ nullable: true, type: String }) countryCode!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty() createdAt!: string;

  static of(user: User): UserView {
    return {
      id: user.id,
      username: user.username,
      role: user.role,
      countryCode: user.countryCode,
      active: user.active,
      createdAt: new Date(user.createdAt).toISOString(),
    };
  }
}
