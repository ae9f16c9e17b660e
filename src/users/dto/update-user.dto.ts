import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsOptionalNotNull } from '../../common/is-optional-not-null.decorator';
import type { Role } from '../../common/request-context';
import { USER_ROLES } from './create-user.dto';

/** Every field optional; only countryCode may be null (staff have none). A changed role must come with the matching countryCode. */
export class UpdateUserDto {
  @ApiPropertyOptional({ description: 'false disables the account; its tokens stop working at once' })
  @IsOptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ minLength: 8, maxLength: 72 })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(8)
  @MaxLength(72)
  password?: string;

  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptionalNotNull()
  @IsIn(USER_ROLES)
  role?: Role;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'UZ' })
  @ValidateIf((dto: UpdateUserDto) => dto.countryCode !== undefined && dto.countryCode !== null)
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be two upper-case letters' })
  countryCode?: string | null;
}
