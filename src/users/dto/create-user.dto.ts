import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import type { Role } from '../../common/request-context';

export const USER_ROLES: readonly Role[] = ['ADMIN', 'COORDINATOR', 'MINISTRY'];

export class CreateUserDto {
  @ApiProperty({ example: 'coordinator2', pattern: '^[A-Za-z0-9._-]{3,64}$' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{3,64}$/, { message: 'username must be 3-64 letters, digits, dots, dashes or underscores' })
  username!: string;

  @ApiProperty({ minLength: 8, maxLength: 72, description: 'bcrypt uses at most 72 bytes' })
  @IsString()
  @MinLength(8)
  @MaxLength(72)
  password!: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role!: Role;

  @ApiPropertyOptional({ example: 'KG', description: 'ISO 3166-1 alpha-2; required for MINISTRY, forbidden otherwise' })
  @ValidateIf((dto: CreateUserDto) => dto.role === 'MINISTRY' || dto.countryCode !== undefined)
  @IsString()
  @Length(2, 2)
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be two upper-case letters' })
  countryCode?: string;
}
