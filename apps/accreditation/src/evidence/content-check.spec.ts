import { contentProblem } from './content-check';

describe('evidence content check', () => {
  it('accepts files whose bytes match their declared type', () => {
    expect(contentProblem('application/pdf', Buffer.from('%PDF-1.7\n...'))).toBeUndefined();
    expect(contentProblem('image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBeUndefined();
    expect(contentProblem('text/csv', Buffer.from('name,date\nThandi,2026-11-01\n'))).toBeUndefined();
  });

  it('refuses a mislabelled, empty or binary file, saying why', () => {
    expect(contentProblem('application/pdf', Buffer.from('MZ\x90\x00'))).toMatch(/first bytes do not match its declared type \(application\/pdf\)/);
    expect(contentProblem('text/plain', Buffer.alloc(0))).toBe('the file is empty');
    expect(contentProblem('text/plain', Buffer.from([0x41, 0x00, 0x42]))).toMatch(/NUL/);
    expect(contentProblem('text/plain', Buffer.from([0xc3, 0x28]))).toMatch(/not UTF-8/);
    expect(contentProblem('application/zip', Buffer.from('PK'))).toMatch(/not accepted/);
  });
});
