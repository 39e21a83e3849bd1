import { Module } from '@nestjs/common';
import { RecognitionService } from './recognition.service';

/** Provides RecognitionService (accuracy statistics and the bundled reference engine) to Nest apps. */
@Module({
  providers: [RecognitionService],
  exports: [RecognitionService],
})
export class RecognitionModule {}
