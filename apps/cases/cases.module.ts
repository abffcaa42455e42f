import { Module } from '@nestjs/common';

/** The cases service's domain: its handlers and providers are added by the issues that build it. */
@Module({})
export class CasesModule {}
