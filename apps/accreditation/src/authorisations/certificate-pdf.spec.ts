import { PDFDocument } from 'pdf-lib';
import { renderCertificate, verifyUrlOf } from './certificate-pdf';

const facts = {
  certificateNumber: 'ZAAEOF0000042',
  holder: 'Karoo Citrus Exporters (Pty) Ltd',
  identifiers: [{ scheme: 'TIN', value: '9055512345', issuer: 'ZA' }],
  aeoType: 'F' as const,
  validFrom: new Date('2026-11-29T00:00:00Z'),
  validTo: new Date('2031-11-29T00:00:00Z'),
  administration: 'ZA',
  verifyUrl: 'https://aeo.example/verify/6a0c1f9e-0b8e-4a39-9d6f-5b1f6b0a7c11',
};

describe('the AEO certificate (PDF)', () => {
  // Rendering is slow work in jest's module system (fonts, a QR code as PNG: about 1.5 s a render on a
  // loaded machine); the test with three renders hit jest's default 5 s. Its subject is the bytes, not the time.
  jest.setTimeout(30_000);

  it('is a one-page A4 PDF titled with the certificate number, in the language asked', async () => {
    for (const [language, title] of [['en', 'Authorised Economic Operator: ZAAEOF0000042'], ['fr', 'Opérateur économique agréé: ZAAEOF0000042']] as const) {
      const bytes = await renderCertificate(facts, language);
      expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
      const pdf = await PDFDocument.load(bytes);
      expect(pdf.getPageCount()).toBe(1);
      expect(pdf.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
      expect(pdf.getTitle()).toBe(title);
      expect(pdf.getSubject()).toBe('Karoo Citrus Exporters (Pty) Ltd (ZA)');
    }
  });

  it('is the same bytes for the same facts (a renewal or a type change makes a new one)', async () => {
    const a = Buffer.from(await renderCertificate(facts, 'en'));
    expect(Buffer.from(await renderCertificate(facts, 'en')).equals(a)).toBe(true);
    expect(Buffer.from(await renderCertificate({ ...facts, aeoType: 'S', certificateNumber: 'ZAAEOS0000042' }, 'en')).equals(a)).toBe(false);
  });

  it('points its QR code at the console verify page, or at the verify API when no console is configured', () => {
    expect(verifyUrlOf('abc', 'https://aeo.example/')).toBe('https://aeo.example/verify/abc');
    expect(verifyUrlOf('abc')).toBe('/verify/abc');
  });
});
