import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule, JwtSignOptions } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { loginThrottleOptions } from './login-throttle.options';
import { RolesGuard } from './roles.guard';

type ExpiresIn = NonNullable<JwtSignOptions['expiresIn']>;

@Module({
  imports: [
    UsersModule,
    // Its global interceptor runs after these guards, so keys are scoped to the authenticated user.
    IdempotencyModule,
    ThrottlerModule.forRootAsync({ inject: [AppConfig], useFactory: loginThrottleOptions }),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: given a string, jsonwebtoken first tries it as a PEM public key and builds
        // (and throws away) an exception on every verify, the costliest step of an authenticated GET under load.
        secret: createSecretKey(Buffer.from(config.jwtSecret)),
        signOptions: { expiresIn: toExpiresIn(config.get('JWT_EXPIRES_IN')), algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    // Registration order is the run order: authenticate first, then check the role.
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [AuthService],
})
export class AuthModule {}

/** "3600" means seconds (a number for jsonwebtoken); "8h", "30m" are passed through as-is. */
function toExpiresIn(value: string): ExpiresIn {
  if (!/^\d+(\.\d+)?\s*(ms|s|m|h|d|w|y)?$/i.test(value.trim())) {
    throw new Error(`Invalid configuration: JWT_EXPIRES_IN "${value}" must be seconds or like 30m, 8h, 1d`);
  }
  const trimmed = value.trim();
  return (/^\d+$/.test(trimmed) ? Number(trimmed) : trimmed) as ExpiresIn;
}
