import { Module } from '@nestjs/common';
import { FineCalculator } from './fine-calculator';

/** Provides the FineCalculator with the built-in rulebooks and precedents to Nest apps. */
@Module({
  providers: [{ provide: FineCalculator, useFactory: () => new FineCalculator() }],
  exports: [FineCalculator],
})
export class PenaltiesModule {}
