import { Module } from '@nestjs/common';

/** The identity service's domain: its handlers and providers are added by the issues that build it. */
@Module({})
export class IdentityModule {}
