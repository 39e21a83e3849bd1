import { Test } from '@nestjs/testing';
import { FineCalculator } from './fine-calculator';
import { PenaltiesModule } from './penalties.module';

describe('PenaltiesModule', () => {
  it('provides a FineCalculator with the built-in rulebooks', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [PenaltiesModule] }).compile();
    const calc = moduleRef.get(FineCalculator);
    expect(calc.rulebooks().map((r) => r.id)).toContain('cn');
  });
});
