import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inclusionProof, verifyInclusion } from './merkle';

/** An inclusion proof of one record in its issuer's log, against a checkpoint the issuer signed (and partners cosigned). */
export interface LogProof {
  /** The leaf's index in the tree (its sequence minus one). */
  leafIndex: number;
  /** The issuer's signed checkpoint: its note (origin, size, root), ES256 signature and key id. */
  checkpoint: { note: string; signature: string; keyId: string };
  /** RFC 9162 audit path, base64, leaf to root. */
  proof: string[];
  /** Other partners' cosignatures of the same checkpoint (Cosignature messages, protobuf, base64). */
  cosignatures: { cosigner: string; message: string }[];
}

/**
 * Proofs for the evidence of an answer: the record's leaf in its issuer's log, against the
 * largest checkpoint found right here that another partner also cosigned (else the largest found
 * right), computed from the leaf hashes kept (received_leaf).
 */
@Injectable()
export class LogProofs {
  constructor(private readonly dataSource: DataSource) {}

  async inclusion(issuer: string, sequence: number): Promise<LogProof | undefined> {
    const [checkpoint]: { size: string; root: Buffer; note: Buffer; signature: Buffer; key_id: string; cosigned: boolean }[] = await this.dataSource.query(
      `SELECT c.size, c.root, c.note, c.signature, c.key_id,
              EXISTS (SELECT 1 FROM received_cosignature s WHERE s.issuer = c.issuer AND s.size = c.size AND s.root = c.root) AS cosigned
       FROM partner_checkpoint c
       WHERE c.issuer = $1 AND c.size >= $2 AND c.verified_at IS NOT NULL
       ORDER BY cosigned DESC, c.size DESC LIMIT 1`,
      [issuer, String(sequence)],
    );
    if (!checkpoint) return undefined;
    const size = Number(checkpoint.size);
    const leaves: { leaf_hash: Buffer }[] = await this.dataSource.query(
      `SELECT leaf_hash FROM received_leaf WHERE issuer = $1 AND sequence <= $2 ORDER BY sequence`,
      [issuer, String(size)],
    );
    if (leaves.length !== size) return undefined;
    const hashes = leaves.map((l) => l.leaf_hash);
    const proof = inclusionProof(sequence - 1, hashes);
    if (!verifyInclusion(sequence - 1, size, hashes[sequence - 1], proof, checkpoint.root)) return undefined;
    const cosignatures: { cosigner: string; message: Buffer }[] = await this.dataSource.query(
      `SELECT cosigner, message FROM received_cosignature WHERE issuer = $1 AND size = $2 AND root = $3 ORDER BY cosigner`,
      [issuer, checkpoint.size, checkpoint.root],
    );
    return {
      leafIndex: sequence - 1,
      checkpoint: { note: checkpoint.note.toString('utf8'), signature: checkpoint.signature.toString('base64'), keyId: checkpoint.key_id },
      proof: proof.map((p) => p.toString('base64')),
      cosignatures: cosignatures.map((c) => ({ cosigner: c.cosigner, message: c.message.toString('base64') })),
    };
  }
}
