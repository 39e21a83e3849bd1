import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ComparisonsReport } from './core/analyse-comparisons';
import { EvaluateComparisonsOptions, evaluateComparisonsFile } from './comparisons-evaluation.service';
import { DatasetReport, EvaluateDatasetOptions, evaluateDatasetFile } from './dataset-evaluation.service';
import { ReferenceFaceEngine } from './reference-face-engine';
import {
  ReturningVisitorsOptions,
  ReturningVisitorsReport,
  evaluateReturningVisitorsFile,
} from './returning-visitors.service';

/**
 * The recognition lib for Nest apps: statistics on comparison files, and engine runs that share one bundled
 * engine, loaded on first use (about 0.1 s) so commands that only do statistics never load models.
 */
@Injectable()
export class RecognitionService implements OnModuleDestroy {
  private engine: Promise<ReferenceFaceEngine> | null = null;

  /** See evaluateComparisonsFile. */
  evaluateComparisons(path: string, options: EvaluateComparisonsOptions = {}): Promise<ComparisonsReport> {
    return evaluateComparisonsFile(path, options);
  }

  /** See evaluateDatasetFile; uses the shared bundled engine unless one is passed. */
  async evaluateDataset(manifestPath: string, options: EvaluateDatasetOptions = {}): Promise<DatasetReport> {
    return evaluateDatasetFile(manifestPath, {
      ...options,
      engine: options.engine ?? (await this.referenceEngine()),
    });
  }

  /** See evaluateReturningVisitorsFile; uses the shared bundled engine unless one is passed. */
  async evaluateReturningVisitors(
    path: string,
    options: ReturningVisitorsOptions,
  ): Promise<ReturningVisitorsReport> {
    return evaluateReturningVisitorsFile(path, {
      ...options,
      engine: options.engine ?? (await this.referenceEngine()),
    });
  }

  /** The bundled reference engine, created once. */
  referenceEngine(): Promise<ReferenceFaceEngine> {
    if (this.engine === null) {
      this.engine = ReferenceFaceEngine.bundled();
      // A failed load is not cached: the next call retries.
      this.engine.catch(() => (this.engine = null));
    }
    return this.engine;
  }

  onModuleDestroy(): void {
    this.engine = null;
  }
}
