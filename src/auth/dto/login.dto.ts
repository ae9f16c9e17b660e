import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { Role } from '../../common/request-context';

export class LoginDto {
  @ApiProperty({ example: 'coordinator' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username!: string;

  @ApiProperty({ example: 'beamtime-demo' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}

export class LoginResponse {
  @ApiPropertyOptional({ description: 'The bearer token; left out when the web console asked for a cookie session (X-Requested-With: beamtime)' })
  accessToken?: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn!: number;
  @ApiProperty({ enum: ['ADMIN', 'COORDINATOR', 'MINISTRY'] }) role!: Role;
  @ApiPropertyOptional({ example: 'KG' }) countryCode?: string;
}
