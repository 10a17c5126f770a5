// pdf-lib and qrcode are loaded by the first certificate asked for, not at start: with their font
// metrics and deflate they are ~3.5 MiB of heap that most of the service's life never uses.

export type CertificateLanguage = 'en' | 'fr';

export interface CertificateFacts {
  certificateNumber: string;
  holder: string;
  identifiers: { scheme: string; value: string; issuer: string }[];
  aeoType: 'C' | 'S' | 'F';
  validFrom: Date;
  validTo: Date;
  /** ISO 3166 alpha-2 code of the issuing administration. */
  administration: string;
  /** What the QR code carries: the verify page of this authorisation. */
  verifyUrl: string;
}

const WORDS: Record<CertificateLanguage, Record<string, string>> = {
  en: {
    title: 'Authorised Economic Operator',
    certifies: 'The customs administration of {adm} certifies that',
    holds: 'holds the status of Authorised Economic Operator',
    C: 'AEO-C: customs simplifications',
    S: 'AEO-S: security and safety',
    F: 'AEO-F: customs simplifications, security and safety',
    number: 'Certificate number',
    identifiers: 'Identifiers',
    valid: 'Valid from {from} to {to}',
    verify: 'Scan to verify the status of this certificate today.',
  },
  fr: {
    title: 'Opérateur économique agréé',
    certifies: "L'administration des douanes de {adm} certifie que",
    holds: "a le statut d'opérateur économique agréé",
    C: 'OEA-C : simplifications douanières',
    S: 'OEA-S : sécurité et sûreté',
    F: 'OEA-F : simplifications douanières, sécurité et sûreté',
    number: 'Numéro de certificat',
    identifiers: 'Identifiants',
    valid: 'Valable du {from} au {to}',
    verify: "Scannez pour vérifier le statut de ce certificat aujourd'hui.",
  },
};

const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

/**
 * The AEO certificate as a one-page PDF (A4), in the holder's language, with a QR code to its
 * verify page. The document's title and subject name the certificate, so a reader can index it.
 */
export async function renderCertificate(facts: CertificateFacts, language: CertificateLanguage): Promise<Uint8Array> {
  const words = WORDS[language];
  const day = (d: Date) => d.toLocaleDateString(language === 'fr' ? 'fr-FR' : 'en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
  const [{ PDFDocument, rgb, StandardFonts }, { toBuffer }] = await Promise.all([import('pdf-lib'), import('qrcode')]);
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${words.title}: ${facts.certificateNumber}`);
  pdf.setSubject(`${facts.holder} (${facts.administration})`);
  pdf.setLanguage(language);
  pdf.setCreator('AEO registry');
  pdf.setCreationDate(facts.validFrom);
  pdf.setModificationDate(facts.validFrom);
  const page = pdf.addPage([595.28, 841.89]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const navy = rgb(0.1, 0.2, 0.45);
  const centre = (text: string, y: number, size: number, font = regular, color = rgb(0, 0, 0)) =>
    page.drawText(text, { x: (595.28 - font.widthOfTextAtSize(text, size)) / 2, y, size, font, color });

  page.drawRectangle({ x: 30, y: 30, width: 535.28, height: 781.89, borderColor: navy, borderWidth: 3 });
  centre(words.title, 740, 26, bold, navy);
  centre(fill(words.certifies, { adm: facts.administration }), 680, 13);
  centre(facts.holder, 645, 20, bold);
  centre(words.holds, 610, 13);
  centre(words[facts.aeoType], 580, 15, bold, navy);
  centre(`${words.number}: ${facts.certificateNumber}`, 530, 14, bold);
  centre(fill(words.valid, { from: day(facts.validFrom), to: day(facts.validTo) }), 505, 13);
  if (facts.identifiers.length) {
    centre(`${words.identifiers}: ${facts.identifiers.map((i) => `${i.scheme} ${i.value} (${i.issuer})`).join(', ')}`, 480, 11);
  }
  const qr = await toBuffer(facts.verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 360 });
  const image = await pdf.embedPng(qr);
  page.drawImage(image, { x: (595.28 - 170) / 2, y: 250, width: 170, height: 170 });
  centre(words.verify, 225, 11);
  centre(facts.verifyUrl, 205, 8, regular, rgb(0.3, 0.3, 0.3));
  return pdf.save({ useObjectStreams: false });
}

/** Where a certificate's QR code points: the console's verify page, or the verify API's path. */
export function verifyUrlOf(authorisationId: string, publicConsoleUrl?: string): string {
  return publicConsoleUrl ? `${publicConsoleUrl.replace(/\/$/, '')}/verify/${authorisationId}` : `/verify/${authorisationId}`;
}
