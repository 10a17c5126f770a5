import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChainReport, verifyHistory } from './history-chain';

/** The history's hash chains (one per operator), checked against what is stored. */
@Injectable()
export class HistoryService {
  constructor(private readonly dataSource: DataSource) {}

  /** Recomputes the chains, or one operator's: intact, or the first row edited, removed or inserted. */
  verify(operatorId?: string): Promise<ChainReport> {
    return verifyHistory(this.dataSource.manager, operatorId);
  }
}
