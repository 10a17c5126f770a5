import { readBounce } from './bounce-receiver';
import { retryDelayMs, smtpFailure } from './smtp-outcome';

describe('SMTP outcomes', () => {
  it('takes a 5xx reply as a refusal for good and anything else as temporary', () => {
    expect(smtpFailure(Object.assign(new Error('x'), { responseCode: 550, response: '550 5.1.1 no such user' }))).toEqual({ permanent: true, error: '550 5.1.1 no such user' });
    expect(smtpFailure(Object.assign(new Error('x'), { responseCode: 451, response: '451 4.3.0 try later' })).permanent).toBe(false);
    expect(smtpFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' }))).toEqual({ permanent: false, error: 'ESOCKET: connect ECONNREFUSED 127.0.0.1:25' });
  });

  it('waits twice as long before each retry, at most an hour', () => {
    expect([1, 2, 3].map((n) => retryDelayMs(n, 30_000))).toEqual([30_000, 60_000, 120_000]);
    expect(retryDelayMs(20, 30_000)).toBe(3_600_000);
  });

  it('reads the status and the diagnostic of a delivery status notification', () => {
    const dsn = 'Final-Recipient: rfc822; a@b.example\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 <a@b.example>:\r\n  user unknown\r\n';
    expect(readBounce(dsn)).toEqual({ permanent: true, diagnostic: '550 5.1.1 <a@b.example>: user unknown' });
    expect(readBounce('Action: delayed\nStatus: 4.4.7\n').permanent).toBe(false);
    expect(readBounce('Subject: Undelivered Mail Returned to Sender\n\nsorry').diagnostic).toBe('Undelivered Mail Returned to Sender');
  });
});
