import { Notice } from '../notices/notice.entity';
import { NoticeKind } from '../notices/notice-rules';
import { DUE_LABEL, Language, longDate, noticeText, OPEN_LABEL } from '../notices/notice-texts';

export interface MailMessage {
  subject: string;
  text: string;
  html: string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A notice as an e-mail in its reader's language: plain text and HTML saying the same. */
export function mailMessage(notice: Notice, consoleUrl: string | undefined): MailMessage {
  const language = notice.mailLanguage as Language;
  const t = noticeText(notice.kind as NoticeKind, notice.facts, language);
  const due = notice.due ? longDate(notice.due, language) : null;
  const link = consoleUrl ? new URL(notice.link, consoleUrl).toString() : null;
  const text = [t.title, '', t.body, ...(t.action ? ['', t.action] : []), ...(due ? ['', `${DUE_LABEL[language]}: ${due}`] : []), ...(link ? ['', `${OPEN_LABEL[language]}: ${link}`] : [])].join('\n');
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escape(t.title)}</title></head>
<body style="font-family:Arial,sans-serif;color:#212529;max-width:600px">
<h1 style="font-size:20px">${escape(t.title)}</h1>
<p>${escape(t.body)}</p>
${t.action ? `<p><strong>${escape(t.action)}</strong></p>` : ''}
${due ? `<p>${escape(DUE_LABEL[language])}: <strong>${escape(due)}</strong></p>` : ''}
${link ? `<p><a href="${escape(link)}" style="color:#1864ab">${escape(OPEN_LABEL[language])}</a></p>` : ''}
</body></html>`;
  return { subject: t.title, text, html };
}
