import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { RecognitionModule } from './recognition.module';
import { RecognitionService } from './recognition.service';

describe('RecognitionModule', () => {
  it('provides RecognitionService, which evaluates a comparisons file and shares one engine', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [RecognitionModule] }).compile();
    const service = moduleRef.get(RecognitionService);
    const report = await service.evaluateComparisons(
      join(__dirname, 'fixtures', 'comparisons', 'given-threshold.csv'),
      {
        threshold: 0.5,
      },
    );
    expect(report.genuine).toMatchObject({ n: 4, errors: 1 });
    const engine = await service.referenceEngine();
    expect(await service.referenceEngine()).toBe(engine);
    expect(engine.engine.embedder.model).toBe('faceres');
    await moduleRef.close();
  }, 60_000);
});
