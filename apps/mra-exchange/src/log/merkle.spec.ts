import { createHash } from 'node:crypto';
import { consistencyProof, EMPTY_ROOT, Frontier, inclusionProof, leafHash, nodeHash, rootOf, verifyConsistency, verifyInclusion } from './merkle';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`record ${i}`)));

describe('the RFC 9162 Merkle tree of an issuer\'s log', () => {
  it('hashes leaves and nodes with their domain prefixes, and the empty tree as SHA-256 of nothing', () => {
    expect(leafHash(Buffer.from('')).toString('hex')).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    expect(EMPTY_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const [a, b, c] = leaves(3);
    expect(rootOf([a, b, c])).toEqual(nodeHash(nodeHash(a, b), c));
    expect(nodeHash(a, b)).toEqual(createHash('sha256').update(Buffer.concat([Buffer.from([1]), a, b])).digest());
  });

  it('keeps the root of every size with its frontier alone, and survives a JSON round trip', () => {
    const all = leaves(70);
    let frontier = new Frontier();
    expect(frontier.root()).toEqual(EMPTY_ROOT);
    for (let n = 1; n <= all.length; n++) {
      frontier = Frontier.fromJSON(JSON.parse(JSON.stringify(frontier.append(all[n - 1]))));
      expect(frontier.size).toBe(n);
      expect(frontier.hashes).toHaveLength(n.toString(2).replace(/0/g, '').length);
      expect(frontier.root()).toEqual(rootOf(all.slice(0, n)));
    }
  });

  it('extends a frontier by a stretch of leaves to the frontier that appending them one by one gives, and tells equal edges apart', () => {
    const all = leaves(70);
    for (const [from, to] of [[0, 1], [0, 70], [1, 2], [3, 40], [31, 33], [32, 64], [63, 70]]) {
      const base = new Frontier().extend(all.slice(0, from));
      const extended = base.extend(all.slice(from, to));
      expect(extended.size).toBe(to);
      expect(extended.root()).toEqual(rootOf(all.slice(0, to)));
      let oneByOne = base;
      for (const leaf of all.slice(from, to)) oneByOne = oneByOne.append(leaf);
      expect(extended.equals(oneByOne)).toBe(true);
      // The base is left as it was.
      expect(base.size).toBe(from);
      expect(base.root()).toEqual(rootOf(all.slice(0, from)));
    }
    expect(new Frontier().extend(all.slice(0, 5)).equals(new Frontier().extend(all.slice(0, 6)))).toBe(false);
    expect(new Frontier().extend(all.slice(0, 5)).equals(new Frontier().extend([...all.slice(0, 4), all[9]]))).toBe(false);
  });

  it('proves and verifies the inclusion of every leaf in trees of 1 to 33 leaves, and refuses a wrong leaf, index or root', () => {
    for (let n = 1; n <= 33; n++) {
      const all = leaves(n);
      const root = rootOf(all);
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(i, all);
        expect(verifyInclusion(i, n, all[i], proof, root)).toBe(true);
        expect(verifyInclusion(i, n, leafHash(Buffer.from('forged')), proof, root)).toBe(false);
        if (n > 1) expect(verifyInclusion((i + 1) % n, n, all[i], proof, root)).toBe(false);
        expect(verifyInclusion(i, n, all[i], proof, leafHash(Buffer.from('other root')))).toBe(false);
      }
    }
  });

  it('proves and verifies that each tree of 1 to 33 leaves is a prefix of every larger one, and refuses a rewritten history', () => {
    for (let n = 1; n <= 33; n++) {
      const all = leaves(n);
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(m, all);
        expect(verifyConsistency(m, n, proof, rootOf(all.slice(0, m)), rootOf(all))).toBe(true);
        const rewritten = [...all.slice(0, m - 1), leafHash(Buffer.from('rewritten'))];
        expect(verifyConsistency(m, n, proof, rootOf(rewritten), rootOf(all))).toBe(false);
      }
    }
  });
});
