import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LANGUAGES, Language } from '../../common/i18n';

/** `?lang=`: the file's language; without it, the best match for Accept-Language (else English). */
export class PatientFileQueryDto {
  @ApiPropertyOptional({ enum: LANGUAGES, description: 'kk, ru, ky or en; any other value is a 400' })
  @IsOptional()
  @IsIn(LANGUAGES)
  lang?: Language;
}
